/* Simulated WeCom desktop: the customer group (客户群) list. desktop.js owns the state and opens a group. */
(function () {
  'use strict'
  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function load(user) {
    return fetch('/simulator/api/staff/' + encodeURIComponent(user) + '/groups').then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error((json && json.error && json.error.message) || '请求失败')
        return json.groups
      })
    })
  }

  function render(list, groups, activeChat, onOpen) {
    list.textContent = ''
    groups.forEach(function (g) {
      var li = el('li', 'wx-contact wx-group' + (g.chatId === activeChat ? ' active' : ''))
      li.tabIndex = 0
      li.dataset.chatId = g.chatId
      li.appendChild(el('span', 'avatar group', '群'))
      var text = el('span', 'wx-contact-text')
      text.appendChild(el('span', 'name', g.name))
      text.appendChild(el('span', 'muted small', g.memberCount + ' 人' + (g.isOwner ? ' · 我是群主' : '')))
      li.appendChild(text)
      li.addEventListener('click', function () { onOpen(g.chatId) })
      li.addEventListener('keydown', function (e) { if (e.key === 'Enter') onOpen(g.chatId) })
      list.appendChild(li)
    })
  }

  /** Switches the left column between the customer list and the group list. */
  function showList(which, contactCount, groupCount) {
    var $ = function (id) { return document.getElementById(id) }
    $('tab-contacts').setAttribute('aria-selected', String(which === 'contacts'))
    $('tab-groups').setAttribute('aria-selected', String(which === 'groups'))
    $('contact-list').hidden = which !== 'contacts'
    $('group-list').hidden = which !== 'groups'
    $('list-status').textContent = which === 'groups'
      ? (groupCount ? '客户群 ' + groupCount + ' 个' : '暂无客户群')
      : (contactCount ? '客户 ' + contactCount + ' 位' : '暂无客户')
  }

  window.AdvisorSimGroups = { load: load, render: render, showList: showList }
})()
