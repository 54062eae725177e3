// 客户继承 waiting for the customer: "客户拒绝" plays the customer tapping 暂不添加; "接替成员已满" makes the
// successor hit WeCom's customer limit when the 24 h are up. Either goes through /simulator/api/transfers/outcome.
;(function () {
  'use strict'
  var list = document.getElementById('transfer-list')
  function user() { return document.getElementById('staff-select').value || new URLSearchParams(location.search).get('user') || '' }
  function button(label, cls, onClick) {
    var btn = document.createElement('button')
    btn.type = 'button'
    btn.className = 'wx-btn small ' + cls
    btn.textContent = label
    btn.addEventListener('click', onClick)
    return btn
  }
  function item(t) {
    var li = document.createElement('li')
    li.className = 'task-item'
    li.setAttribute('data-transfer', t.externalUserId)
    var label = document.createElement('span')
    var due = new Date(t.takeoverTime * 1000).toLocaleString('zh-CN', { hour12: false })
    label.textContent = t.name + '：' + (t.kind === 'onjob' ? '在职转接' : '离职继承') + '，' + t.handoverName + ' → ' + t.takeoverName + '（' + due + ' 自动接替）'
    li.appendChild(label)
    var actions = document.createElement('span')
    actions.className = 'transfer-actions'
    actions.appendChild(button('客户拒绝', 'primary', function () { decide(t.externalUserId, 'refuse') }))
    actions.appendChild(button('接替成员已满', '', function () { decide(t.externalUserId, 'limit') }))
    li.appendChild(actions)
    return li
  }
  function load() {
    if (!user()) return
    fetch('/simulator/api/transfers?user=' + encodeURIComponent(user()), { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (json) {
        list.textContent = ''
        if (!json.transfers || !json.transfers.length) {
          var empty = document.createElement('li')
          empty.className = 'muted'
          empty.textContent = '暂无等待中的转接'
          list.appendChild(empty)
          return
        }
        json.transfers.forEach(function (t) { list.appendChild(item(t)) })
      })
  }
  function decide(externalUserId, outcome) {
    fetch('/simulator/api/transfers/outcome', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserId: externalUserId, outcome: outcome }),
    }).then(load)
  }
  document.getElementById('transfers-refresh').addEventListener('click', load)
  document.getElementById('staff-select').addEventListener('change', function () { setTimeout(load, 0) })
  setTimeout(load, 300)
})()
