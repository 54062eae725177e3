/* Simulated WeCom desktop: staff switcher, customer list, chat, the real sidebar in an iframe, SMS outbox. */
(function () {
  'use strict'
  var $ = function (id) { return document.getElementById(id) }
  var state = { user: '', contact: '', entry: 'single_chat_tools', contacts: [] }
  var query = new URLSearchParams(location.search)

  function api(path, options) {
    return fetch('/simulator/api' + path, options).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error((json && json.error && json.error.message) || '请求失败')
        return json
      })
    })
  }
  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
  }
  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  function toast(text) {
    var t = $('toast')
    t.textContent = text
    t.hidden = false
    clearTimeout(toast.timer)
    toast.timer = setTimeout(function () { t.hidden = true }, 2600)
  }
  function time(iso) { return new Date(iso).toLocaleString('zh-CN', { hour12: false }) }
  function remember() {
    var q = new URLSearchParams({ user: state.user, contact: state.contact })
    history.replaceState(null, '', '/simulator?' + q.toString())
  }

  function loadStaff() {
    return api('/staff').then(function (json) {
      var select = $('staff-select')
      select.textContent = ''
      json.staff.forEach(function (s) {
        var opt = el('option', '', s.name + ' · ' + s.branch + ' · ' + s.title)
        opt.value = s.userid
        select.appendChild(opt)
      })
      state.user = query.get('user') || (json.staff[0] && json.staff[0].userid) || ''
      select.value = state.user
      if (!json.staff.length) $('list-status').textContent = '还没有员工数据：请先运行 npm run seed。'
    })
  }

  function renderContacts() {
    var list = $('contact-list')
    list.textContent = ''
    $('list-status').textContent = state.contacts.length ? '客户 ' + state.contacts.length + ' 位' : '暂无客户'
    state.contacts.forEach(function (c) {
      var li = el('li', 'wx-contact' + (c.externalUserId === state.contact ? ' active' : ''))
      li.tabIndex = 0
      li.appendChild(el('span', 'avatar g' + c.gender, c.name.slice(0, 1)))
      var text = el('span', 'wx-contact-text')
      text.appendChild(el('span', 'name', c.remark || c.name))
      text.appendChild(el('span', 'muted small', c.deletedByCustomer ? '已被客户删除' : '@微信'))
      li.appendChild(text)
      li.addEventListener('click', function () { openContact(c.externalUserId) })
      li.addEventListener('keydown', function (e) { if (e.key === 'Enter') openContact(c.externalUserId) })
      list.appendChild(li)
    })
  }

  function loadContacts() {
    if (!state.user) return Promise.resolve()
    return api('/staff/' + encodeURIComponent(state.user) + '/contacts').then(function (json) {
      state.contacts = json.contacts
      renderContacts()
    })
  }

  function renderMessage(m) {
    var row = el('div', 'msg ' + (m.sender === 'staff' ? 'mine' : 'theirs'))
    var bubble = el('div', 'bubble')
    var body = m.message[m.msgtype] || {}
    if (m.msgtype === 'text') bubble.textContent = body.content
    else if (m.msgtype === 'news') {
      bubble.className = 'bubble news'
      var a = el('a')
      a.href = body.link
      a.target = '_blank'
      a.rel = 'noopener'
      a.appendChild(el('strong', '', body.title))
      var inner = el('div', 'card-body')
      inner.appendChild(el('span', 'muted', body.desc))
      if (body.imgUrl) { var img = el('img'); img.src = body.imgUrl; img.alt = ''; inner.appendChild(img) }
      a.appendChild(inner)
      bubble.appendChild(a)
    } else if (m.msgtype === 'image') {
      var pic = el('img', 'chat-image')
      pic.src = '/simulator/api/media/' + encodeURIComponent(body.mediaid)
      pic.alt = '图片'
      bubble.appendChild(pic)
    } else if (m.msgtype === 'miniprogram') bubble.textContent = '[小程序] ' + body.title
    else bubble.textContent = '[' + m.msgtype + ']'
    row.appendChild(bubble)
    row.appendChild(el('div', 'msg-time muted small', time(m.sentAt)))
    return row
  }

  function loadChat() {
    if (!state.user || !state.contact) return Promise.resolve()
    return api('/chats/' + encodeURIComponent(state.user) + '/' + encodeURIComponent(state.contact)).then(function (json) {
      var box = $('messages')
      var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40
      box.textContent = ''
      if (!json.messages.length) box.appendChild(el('p', 'muted center', '还没有消息。侧边栏发送的内容会出现在这里。'))
      json.messages.forEach(function (m) { box.appendChild(renderMessage(m)) })
      if (atBottom) box.scrollTop = box.scrollHeight
    })
  }

  // Real WeCom signs the sidebar in silently as the client's own user. Here the desktop user can change,
  // so the simulated OAuth page reads who is "logged in to WeCom" from this cookie, and a session left
  // over from another staff member is dropped before the sidebar reloads.
  function ensureSidebarSession() {
    document.cookie = 'sim_user=' + encodeURIComponent(state.user) + '; path=/simulator; SameSite=Lax'
    return fetch('/api/session/me', { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) return undefined
      return res.json().then(function (me) {
        if (me.userid !== state.user) return fetch('/api/session/logout', { method: 'POST', credentials: 'same-origin' })
      })
    }).catch(function () {})
  }
  function openSidebar() {
    var src = '/sidebar?' + new URLSearchParams({ sim_user: state.user, sim_contact: state.contact, sim_entry: state.entry }).toString()
    ensureSidebarSession().then(function () {
      $('sidebar-frame').src = state.contact || state.entry === 'normal' ? src : 'about:blank'
    })
  }

  function openContact(id) {
    state.contact = id
    var c = state.contacts.filter(function (x) { return x.externalUserId === id })[0]
    $('chat-title').textContent = c ? c.remark || c.name : '请选择客户'
    renderContacts()
    remember()
    openSidebar()
    return loadChat()
  }

  function fire(changeType, label) {
    if (!state.contact) return toast('请先选择客户')
    post('/events', { changeType: changeType, userid: state.user, externalUserId: state.contact }).then(function (r) {
      toast(label + (r.delivery.delivered ? '，回调已送达' : '，回调未送达（已重试）'))
      if (changeType === 'del_external_contact') { state.contact = ''; openSidebar() }
      return loadContacts()
    }).catch(function (e) { toast(e.message) })
  }

  function loadSms() {
    return api('/sms-outbox').then(function (json) {
      var list = $('sms-list')
      list.textContent = ''
      if (!json.messages.length) list.appendChild(el('li', 'muted', '暂无短信'))
      json.messages.forEach(function (m) {
        var li = el('li')
        li.appendChild(el('span', 'sms-phone', m.phone))
        li.appendChild(el('span', 'muted small', time(m.sentAt)))
        li.appendChild(el('div', 'sms-text', m.text))
        list.appendChild(li)
      })
    })
  }

  $('staff-select').addEventListener('change', function (e) {
    state.user = e.target.value
    state.contact = ''
    remember()
    openSidebar()
    $('messages').textContent = ''
    loadContacts()
  })
  $('entry-select').addEventListener('change', function (e) { state.entry = e.target.value; openSidebar() })
  $('add-customer').addEventListener('click', function () {
    post('/staff/' + encodeURIComponent(state.user) + '/contacts', {}).then(function (r) {
      toast('新客户已添加' + (r.delivery.delivered ? '，回调已送达' : '，回调未送达（已重试）'))
      return loadContacts().then(function () { return openContact(r.externalUserId) })
    }).catch(function (e) { toast(e.message) })
  })
  $('del-by-member').addEventListener('click', function () { fire('del_external_contact', '员工已删除客户') })
  $('del-by-customer').addEventListener('click', function () { fire('del_follow_user', '客户已删除员工') })
  $('reply-form').addEventListener('submit', function (e) {
    e.preventDefault()
    var input = $('reply-input')
    if (!input.value.trim() || !state.contact) return
    var path = '/chats/' + encodeURIComponent(state.user) + '/' + encodeURIComponent(state.contact)
    post(path, { sender: 'customer', message: { msgtype: 'text', text: { content: input.value.trim() } } })
      .then(function () { input.value = ''; return loadChat() })
      .catch(function (err) { toast(err.message) })
  })
  $('sms-refresh').addEventListener('click', loadSms)
  window.addEventListener('message', function (e) {
    if (e.origin !== location.origin || !e.data || e.data.source !== 'advisor-sim') return
    if (e.data.type === 'chat-updated') loadChat()
    if (e.data.type === 'open-profile') toast('（模拟）打开资料页：' + e.data.detail.userid)
    if (e.data.type === 'close-window') toast('（模拟）侧边栏请求关闭')
    if (e.data.type === 'moment-shared') toast('（模拟）已发表到客户朋友圈')
  })

  loadStaff()
    .then(loadContacts)
    .then(function () { return query.get('contact') ? openContact(query.get('contact')) : undefined })
    .catch(function (e) { toast(e.message) })
  loadSms()
  setInterval(function () { loadChat().catch(function () {}); loadSms().catch(function () {}) }, 3000)
})()
