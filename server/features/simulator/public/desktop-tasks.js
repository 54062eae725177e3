// The member's mass-send and moment tasks: "已发送/已发布" marks one done, as tapping confirm in WeCom would.
;(function () {
  'use strict'
  var list = document.getElementById('task-list')
  function user() { return document.getElementById('staff-select').value || new URLSearchParams(location.search).get('user') || '' }
  function item(t) {
    var li = document.createElement('li')
    li.className = 'task-item'
    li.setAttribute('data-task', t.id)
    var label = document.createElement('span')
    label.textContent = (t.kind === 'moment' ? '朋友圈：' : '群发：') + (t.text || '').slice(0, 40)
    li.appendChild(label)
    if (t.done) {
      var done = document.createElement('span')
      done.className = 'muted small'
      done.textContent = t.kind === 'moment' ? ' 已发布' : ' 已发送'
      li.appendChild(done)
    } else {
      var btn = document.createElement('button')
      btn.type = 'button'
      btn.className = 'wx-btn small primary'
      btn.textContent = t.kind === 'moment' ? '发表到朋友圈' : '确认群发'
      btn.addEventListener('click', function () { complete(t.id) })
      li.appendChild(btn)
    }
    return li
  }
  function load() {
    if (!user()) return
    fetch('/simulator/api/staff/' + encodeURIComponent(user()) + '/tasks', { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (json) {
        list.textContent = ''
        if (!json.tasks || !json.tasks.length) {
          var empty = document.createElement('li')
          empty.className = 'muted'
          empty.textContent = '暂无任务'
          list.appendChild(empty)
          return
        }
        json.tasks.forEach(function (t) { list.appendChild(item(t)) })
      })
  }
  function complete(id) {
    fetch('/simulator/api/staff/' + encodeURIComponent(user()) + '/tasks/' + encodeURIComponent(id) + '/done', { method: 'POST', credentials: 'same-origin' }).then(load)
  }
  document.getElementById('tasks-refresh').addEventListener('click', load)
  document.getElementById('staff-select').addEventListener('change', function () { setTimeout(load, 0) })
  // openEnterpriseChat from the sidebar: switch the desktop to that customer's chat.
  window.addEventListener('message', function (e) {
    var m = e.data
    if (e.origin !== location.origin || !m || m.source !== 'advisor-sim' || m.type !== 'open-chat' || !m.detail || !m.detail.externalUserId) return
    var q = new URLSearchParams({ user: user(), contact: m.detail.externalUserId })
    location.search = q.toString()
  })
  setTimeout(load, 300)
})()
