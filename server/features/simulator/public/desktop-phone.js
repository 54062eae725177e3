/* The customer's own phone, simulated: the WeChat side's registered phone and the SMS codes delivered to it. */
;(function () {
  'use strict'
  var panel = document.getElementById('phone-panel')
  var current = { contact: '', phone: '' }
  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  function getJson(path) {
    return fetch('/simulator/api' + path, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error(res.status === 404 ? 'not-found' : 'failed')
      return res.json()
    })
  }
  function time(iso) {
    return new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
  }
  function body() { return panel.querySelector('.phone-body') }
  function note(text) {
    var b = body()
    b.textContent = ''
    b.appendChild(el('p', 'muted small', text))
  }
  function row(label, value, cls) {
    var r = el('div', 'phone-row')
    r.appendChild(el('span', 'muted small', label))
    r.appendChild(el('strong', cls || '', value))
    return r
  }
  function renderPerson(p) {
    var b = body()
    b.textContent = ''
    b.appendChild(row('机主姓名（与本行预留一致）', p.name))
    b.appendChild(row('本机号码（在本行预留）', p.phone, 'phone-number'))
    b.appendChild(el('p', 'muted small phone-hint', '在认证页填写客户姓名「' + p.name + '」和上面的号码，点「获取验证码」，验证码会出现在下方。'))
    var h = el('div', 'phone-inbox-head', '收到的短信')
    b.appendChild(h)
    b.appendChild(el('ul', 'phone-inbox'))
  }
  function renderSms(messages) {
    var list = panel.querySelector('.phone-inbox')
    if (!list) return
    list.textContent = ''
    if (!messages.length) list.appendChild(el('li', 'muted small', '暂无短信'))
    messages.slice(0, 5).forEach(function (m) {
      var li = el('li', 'phone-sms')
      var code = /验证码为\s*(\d{6})/.exec(m.text)
      if (code) li.appendChild(el('div', 'phone-code', code[1]))
      li.appendChild(el('div', 'small', m.text))
      li.appendChild(el('div', 'muted small', time(m.sentAt)))
      list.appendChild(li)
    })
  }
  function refreshSms() {
    if (!current.phone) return Promise.resolve()
    var phone = current.phone
    return getJson('/sms-outbox?phone=' + encodeURIComponent(phone)).then(function (json) {
      if (phone === current.phone) renderSms(json.messages)
    }).catch(function () {})
  }
  function show(contact) {
    current = { contact: contact || '', phone: '' }
    if (!contact) return note('选择一位客户后，这里显示客户自己手机上的号码和收到的短信。')
    note('加载中…')
    getJson('/people/' + encodeURIComponent(contact)).then(function (p) {
      if (current.contact !== contact) return
      current.phone = p.phone
      renderPerson(p)
      return refreshSms()
    }).catch(function () {
      if (current.contact === contact) note('网络不可用，暂时无法读取客户手机。')
    })
  }
  window.addEventListener('sim:conversation', function (e) { show(e.detail && e.detail.contact) })
  setInterval(function () { if (!document.hidden) refreshSms() }, 3000)
  show(new URLSearchParams(location.search).get('contact'))
})()
