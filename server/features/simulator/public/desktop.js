/* Simulated WeCom desktop: staff switcher, customer and group lists, chat, the real sidebar in an iframe, SMS outbox. */
(function () {
  'use strict'
  var $ = function (id) { return document.getElementById(id) }
  // A conversation is either a single chat (contact) or a customer group (chat), never both.
  var state = { user: '', contact: '', chat: '', entry: 'single_chat_tools', contacts: [], groups: [], list: 'contacts' }
  var groupsUi = window.AdvisorSimGroups
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
  // Beijing time, as the sidebar shows it, whatever the browser's own zone.
  function time(iso) { return new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) }
  function conversation() { return state.chat || state.contact }
  function remember() {
    var q = new URLSearchParams(state.chat ? { user: state.user, chat: state.chat } : { user: state.user, contact: state.contact })
    history.replaceState(null, '', '/simulator?' + q.toString())
    window.dispatchEvent(new CustomEvent('sim:conversation', { detail: { user: state.user, contact: state.contact, chat: state.chat } }))
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
    showList(state.list)
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

  // A reply for a conversation the user already left is dropped, so the header and messages never mix.
  function loadChat() {
    if (!state.user || !conversation()) return Promise.resolve()
    var wanted = state.user + '/' + conversation()
    return api('/chats/' + encodeURIComponent(state.user) + '/' + encodeURIComponent(conversation())).then(function (json) {
      if (wanted !== state.user + '/' + conversation()) return
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
        if (me.userid !== state.user) return fetch('/api/session/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Advisor-Request': '1' } })
      })
    }).catch(function () {})
  }
  function openSidebar() {
    var params = { sim_user: state.user, sim_entry: state.entry }
    if (state.chat) params.sim_chat = state.chat
    else params.sim_contact = state.contact
    var src = '/sidebar?' + new URLSearchParams(params).toString()
    ensureSidebarSession().then(function () {
      $('sidebar-frame').src = conversation() || state.entry === 'normal' ? src : 'about:blank'
    })
  }

  function setEntry(entry) { state.entry = entry; $('entry-select').value = entry }
  function showChatHead(title, sub, isGroup) {
    $('chat-title').textContent = title
    $('chat-sub').textContent = sub
    $('del-by-member').hidden = isGroup
    $('del-by-customer').hidden = isGroup
  }

  function clearChat(text) {
    var box = $('messages')
    box.textContent = ''
    box.appendChild(el('p', 'muted center', text))
  }
  function openChat() {
    clearChat('加载中…')
    return loadChat().catch(function () { clearChat('网络不可用，消息暂时无法加载，恢复后自动刷新。') })
  }

  function openContact(id) {
    state.contact = id
    state.chat = ''
    state.list = 'contacts'
    if (state.entry === 'group_chat_tools') setEntry('single_chat_tools')
    var c = state.contacts.filter(function (x) { return x.externalUserId === id })[0]
    showChatHead(c ? c.remark || c.name : '请选择客户', '微信', false)
    renderContacts()
    renderGroups()
    remember()
    openSidebar()
    return openChat()
  }

  function renderGroups() { groupsUi.render($('group-list'), state.groups, state.chat, openGroup) }
  function loadGroups() {
    if (!state.user) return Promise.resolve()
    return groupsUi.load(state.user).then(function (groups) { state.groups = groups; renderGroups(); showList(state.list) })
  }
  // The sidebar opened from a group's chat toolbar: entry group_chat_tools, getCurExternalChat answers the chat_id.
  function openGroup(chatId) {
    state.chat = chatId
    state.contact = ''
    state.list = 'groups'
    setEntry('group_chat_tools')
    var g = state.groups.filter(function (x) { return x.chatId === chatId })[0]
    showChatHead(g ? g.name : '客户群', g ? '客户群 · ' + g.memberCount + ' 人' : '客户群', true)
    renderContacts()
    renderGroups()
    remember()
    openSidebar()
    return openChat()
  }
  function showList(which) {
    state.list = which
    groupsUi.showList(which, state.contacts.length, state.groups.length)
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
    state.chat = ''
    remember()
    openSidebar()
    $('messages').textContent = ''
    Promise.all([loadContacts(), loadGroups()]).catch(function () { toast('网络不可用，客户列表暂时无法加载') })
  })
  $('tab-contacts').addEventListener('click', function () { showList('contacts') })
  $('tab-groups').addEventListener('click', function () { showList('groups') })
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
    if (!input.value.trim() || !conversation()) return
    var path = '/chats/' + encodeURIComponent(state.user) + '/' + encodeURIComponent(conversation())
    post(path, { sender: 'customer', message: { msgtype: 'text', text: { content: input.value.trim() } } })
      .then(function () { input.value = ''; return loadChat() })
      .catch(function (err) { toast(err.message) })
  })
  $('sms-refresh').addEventListener('click', function () { loadSms().catch(function () { toast('网络不可用') }) })
  window.addEventListener('message', function (e) {
    if (e.origin !== location.origin || !e.data || e.data.source !== 'advisor-sim') return
    if (e.data.type === 'chat-updated') loadChat()
    if (e.data.type === 'open-profile') toast('（模拟）打开资料页：' + e.data.detail.userid)
    if (e.data.type === 'close-window') toast('（模拟）侧边栏请求关闭')
    if (e.data.type === 'moment-shared') toast('（模拟）已发表到客户朋友圈')
  })

  loadStaff()
    .then(function () { return Promise.all([loadContacts(), loadGroups()]) })
    .then(function () {
      if (query.get('chat')) return openGroup(query.get('chat'))
      return query.get('contact') ? openContact(query.get('contact')) : undefined
    })
    .catch(function (e) { toast(e.message) })
  loadSms()
  setInterval(function () { loadChat().catch(function () {}); loadSms().catch(function () {}) }, 3000)
})()
