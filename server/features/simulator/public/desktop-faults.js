// Fault controls: WeCom's refusals per API (next N calls or a probability), revoked credentials, the trusted
// domain and callback URL as the admin enters them, group/tag events in same-second bursts, and the new-corp reset.
;(function () {
  'use strict'
  var $ = function (id) { return document.getElementById(id) }
  var status = $('fault-status')
  var KIND_LABELS = {}
  Array.prototype.forEach.call($('fault-kind').options, function (o) { KIND_LABELS[o.value] = o.textContent })

  function say(text) { status.textContent = text }
  function send(method, path, body) {
    return fetch('/simulator/api' + path, {
      method: method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (res) {
      if (res.status === 204) return { ok: true, json: {} }
      return res.json().then(function (json) { return { ok: res.ok, json: json } })
    })
  }
  function errorOf(r) { return (r.json && r.json.error && r.json.error.message) || '操作失败' }

  function render(faults) {
    var list = $('fault-list')
    list.textContent = ''
    if (!faults.length) {
      var none = document.createElement('li')
      none.className = 'muted'
      none.textContent = '没有生效中的故障：模拟器只按企业微信公布的频率上限拒绝调用'
      list.appendChild(none)
      return
    }
    faults.forEach(function (f) {
      var li = document.createElement('li')
      li.className = 'fault-item'
      li.setAttribute('data-api', f.api)
      var api = document.createElement('code')
      api.textContent = f.api
      var what = document.createElement('span')
      what.textContent = KIND_LABELS[f.kind] || f.kind
      var how = document.createElement('span')
      how.className = 'muted small'
      how.textContent = (f.count !== undefined ? '还剩 ' + f.count + ' 次' : '概率 ' + Math.round(f.probability * 100) + '%') + ' · 已触发 ' + f.hits + ' 次'
      var clear = document.createElement('button')
      clear.type = 'button'
      clear.className = 'wx-btn small'
      clear.textContent = '清除'
      clear.addEventListener('click', function () {
        send('DELETE', '/faults?api=' + encodeURIComponent(f.api)).then(load)
      })
      li.append(api, what, how, clear)
      list.appendChild(li)
    })
  }
  function load() {
    send('GET', '/faults').then(function (r) { if (r.ok) render(r.json.faults) })
  }
  function loadSettings() {
    send('GET', '/settings').then(function (r) {
      if (!r.ok) return
      $('trusted-domain').value = r.json.trustedDomain || ''
      $('callback-url').value = r.json.callbackUrl || ''
    })
  }

  $('fault-mode').addEventListener('change', function () {
    var amount = $('fault-amount')
    amount.max = this.value === 'count' ? '10000' : '100'
    amount.value = this.value === 'count' ? '3' : '50'
  })
  $('fault-form').addEventListener('submit', function (e) {
    e.preventDefault()
    var amount = Number($('fault-amount').value)
    var body = { api: $('fault-api').value.trim(), kind: $('fault-kind').value }
    if ($('fault-mode').value === 'count') body.count = amount
    else body.probability = amount / 100
    send('PUT', '/faults', body).then(function (r) {
      say(r.ok ? '已注入：' + body.api + ' → ' + KIND_LABELS[body.kind] : errorOf(r))
      load()
    })
  })
  $('fault-clear').addEventListener('click', function () {
    send('DELETE', '/faults').then(function () { say('已清除全部故障与频率封禁'); load() })
  })
  Array.prototype.forEach.call(document.querySelectorAll('[data-end]'), function (btn) {
    btn.addEventListener('click', function () {
      send('POST', '/credentials/end', { kind: btn.getAttribute('data-end'), how: btn.getAttribute('data-how') }).then(function (r) {
        say(r.ok ? btn.textContent + '：影响 ' + r.json.ended + ' 个凭证' : errorOf(r))
      })
    })
  })
  $('domain-form').addEventListener('submit', function (e) {
    e.preventDefault()
    var domain = $('trusted-domain').value.trim()
    send('PUT', '/settings', { trustedDomain: domain || null }).then(function (r) {
      say(r.ok ? '可信域名：' + (r.json.trustedDomain || '按 PUBLIC_BASE_URL') : errorOf(r))
    })
  })
  $('callback-save').addEventListener('click', function () {
    var url = $('callback-url').value.trim()
    say('正在发送验证请求（GET echostr）…')
    send('PUT', '/callback-url', { url: url || null }).then(function (r) {
      say(r.ok ? (url ? '回调 URL 验证通过并已保存' : '已清除回调 URL') : errorOf(r))
    })
  })

  $('reset-new-corp').addEventListener('click', function () {
    if (!window.confirm('清空顾问台的全部客户关系并从企业微信重新导入？企业微信侧的数据不变。')) return
    send('POST', '/scenario/new-corp').then(function (r) {
      say(r.ok ? '已清空 ' + r.json.cleared + ' 条客户关系，正在重新导入：进度见控制台「企微上线」' : errorOf(r))
    })
  })

  function user() { return $('staff-select').value || new URLSearchParams(location.search).get('user') || '' }
  function chatBurst() {
    return fetch('/simulator/api/staff/' + encodeURIComponent(user()) + '/groups', { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (json) {
        var ids = (json.groups || []).slice(0, 2).map(function (g) { return g.chatId })
        if (ids.length < 2) throw new Error('当前员工的客户群不足两个')
        return ids.map(function (id) { return { kind: 'chat', changeType: 'update', chatId: id, updateDetail: 'change_name' } })
      })
  }
  var EVENTS = {
    'chat-burst': function () { return chatBurst().then(function (events) { return send('POST', '/events/burst', { events: events }) }) },
    'tag-burst': function () {
      return send('POST', '/events/burst', { events: [
        { kind: 'tag', changeType: 'update', id: 'etSimTagA', tagType: 'tag' },
        { kind: 'tag', changeType: 'update', id: 'etSimTagB', tagType: 'tag' },
      ] })
    },
    'tag-shuffle': function () { return send('POST', '/events/other', { kind: 'tag', changeType: 'shuffle', id: 'etSimGroup', tagType: 'tag_group' }) },
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-event]'), function (btn) {
    btn.addEventListener('click', function () {
      EVENTS[btn.getAttribute('data-event')]()
        .then(function (r) {
          var results = r.json.deliveries || [r.json.delivery]
          var delivered = results.filter(function (d) { return d && d.delivered }).length
          say(r.ok ? '已推送 ' + results.length + ' 个回调，送达 ' + delivered + ' 个' : errorOf(r))
        })
        .catch(function (err) { say(err.message) })
    })
  })

  load()
  loadSettings()
})()
