/*
 * Advisor Desk WeCom simulator: the desktop client's side of the JS bridge.
 * Loaded before the app bundle on /sidebar pages opened outside a real WeCom client. It makes the
 * page look like WeCom to @wecom/jssdk (a `wxwork/x.y.z` user agent, a `window.WeixinJSBridge`)
 * and answers the chat-toolbar APIs from the context the simulated desktop passed in the URL.
 */
(function () {
  'use strict'
  var VERSION = '4.1.22'
  var STORE_KEY = 'advisor-sim-context'

  // The SDK reads the UA once at import: it must already say wxwork (>= 3.0.24 => agentConfig only).
  var uaDesc = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent')
  var originalUa = uaDesc && uaDesc.get ? uaDesc.get.call(navigator) : navigator.userAgent
  if (!/wxwork/i.test(originalUa)) {
    Object.defineProperty(Navigator.prototype, 'userAgent', {
      configurable: true,
      enumerable: true,
      get: function () { return originalUa + ' wxwork/' + VERSION },
    })
  }

  // Context comes from the iframe URL once and is remembered, so the app may drop the query.
  function readContext() {
    var q = new URLSearchParams(location.search)
    var saved = {}
    try { saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || '{}') || {} } catch (e) { saved = {} }
    var fromUrl = q.has('sim_user') || q.has('sim_contact') || q.has('sim_chat') || q.has('sim_entry')
    var c = fromUrl
      ? { user: q.get('sim_user') || '', contact: q.get('sim_contact') || '', chat: q.get('sim_chat') || '', entry: q.get('sim_entry') || '' }
      : saved
    c.entry = c.entry || (c.contact ? 'single_chat_tools' : c.chat ? 'group_chat_tools' : 'normal')
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(c)) } catch (e) { /* storage disabled */ }
    return c
  }
  var ctx = readContext()
  var verifiedSignature = null
  // The APIs the page declared in agentConfig / config (jsApiList): WeCom refuses every other one.
  var declaredApis = {}

  var CONTACT_ENTRIES = ['contact_profile', 'single_chat_tools', 'single_kf_tools']
  var SEND_ENTRIES = ['single_chat_tools', 'group_chat_tools', 'chat_attachment', 'single_kf_tools']

  function postJson(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json } }) })
  }
  function signedUrl() { return location.href.split('#')[0] }
  function notifyDesktop(type, detail) {
    if (window.parent !== window) window.parent.postMessage({ source: 'advisor-sim', type: type, detail: detail || null }, location.origin)
  }
  function ok(name, extra) {
    var r = { err_msg: name + ':ok' }
    for (var k in extra || {}) r[k] = extra[k]
    return r
  }
  function fail(name, reason) { return { err_msg: name + ':fail_' + reason } }
  var WITHOUT_CONTEXT = 'without context of external contact'

  function verify(name, path, body, apis) {
    return postJson(path, body).then(function (r) {
      var reply = r.ok ? r.json : fail(name, 'invalid parameter')
      if (/:ok$/.test(reply.err_msg)) {
        verifiedSignature = body.signature
        ;(apis || []).forEach(function (n) { declaredApis[n] = true })
      }
      return reply
    })
  }

  function messageOf(params) {
    var msg = { msgtype: params.msgtype }
    if (params.msgtype && params[params.msgtype] !== undefined) msg[params.msgtype] = params[params.msgtype]
    if (params.enterChat !== undefined) msg.enterChat = params.enterChat
    return msg
  }

  function sendChatMessage(params) {
    if (SEND_ENTRIES.indexOf(ctx.entry) < 0) return Promise.resolve(fail('sendChatMessage', WITHOUT_CONTEXT))
    var conversation = ctx.entry === 'group_chat_tools' ? ctx.chat : ctx.contact
    if (!ctx.user || !conversation) return Promise.resolve(fail('sendChatMessage', WITHOUT_CONTEXT))
    var path = '/simulator/api/chats/' + encodeURIComponent(ctx.user) + '/' + encodeURIComponent(conversation)
    return postJson(path, { message: messageOf(params) }).then(function (r) {
      if (!r.ok) return fail('sendChatMessage', r.json && r.json.error && r.json.error.code === 'INVALID_MEDIA' ? 'invalid mediaid' : 'invalid message')
      notifyDesktop('chat-updated', { user: ctx.user, conversation: conversation })
      return ok('sendChatMessage')
    })
  }

  function selectExternalContact() {
    if (!ctx.user) return Promise.resolve(fail('selectExternalContact', 'no permission'))
    return fetch('/simulator/api/staff/' + encodeURIComponent(ctx.user) + '/contacts', { credentials: 'same-origin' })
      .then(function (res) { return res.json() })
      .then(function (json) {
        var ids = (json.contacts || []).map(function (c) { return c.externalUserId })
        return ok('selectExternalContact', { userIds: ids })
      })
  }

  function shareToExternalMoments(params) {
    var list = params.attachments || []
    var kinds = list.map(function (a) { return a.msgtype })
    var mixed = kinds.some(function (k) { return k !== kinds[0] })
    if ((params.text && String(params.text.content || '').length > 2000) || mixed || list.length > 9 ||
        (kinds[0] !== undefined && kinds[0] !== 'image' && list.length > 1)) {
      return Promise.resolve(fail('shareToExternalMoments', 'invalid parameter'))
    }
    notifyDesktop('moment-shared', { text: params.text && params.text.content, count: list.length })
    return Promise.resolve(ok('shareToExternalMoments'))
  }

  var handlers = {
    getContext: function () { return ok('getContext', { entry: ctx.entry }) },
    // As in WeCom: a 上下游 (chain) chat answers only to the CorpGroup calls, other chats only to the External ones.
    getCurCorpGroupContact: function () {
      return ctx.entry === 'chain_single_chat_tools' && ctx.contact
        ? ok('getCurCorpGroupContact', { userId: ctx.contact, corpId: 'wwchain' })
        : fail('getCurCorpGroupContact', WITHOUT_CONTEXT)
    },
    getCurCorpGroupChat: function () {
      return ctx.entry === 'chain_group_chat_tools' && ctx.chat
        ? ok('getCurCorpGroupChat', { chatId: ctx.chat })
        : fail('getCurCorpGroupChat', WITHOUT_CONTEXT)
    },
    getCurExternalContact: function () {
      return CONTACT_ENTRIES.indexOf(ctx.entry) >= 0 && ctx.contact
        ? ok('getCurExternalContact', { userId: ctx.contact })
        : fail('getCurExternalContact', WITHOUT_CONTEXT)
    },
    getCurExternalChat: function () {
      return ctx.entry === 'group_chat_tools' && ctx.chat ? ok('getCurExternalChat', { chatId: ctx.chat }) : fail('getCurExternalChat', WITHOUT_CONTEXT)
    },
    sendChatMessage: sendChatMessage,
    selectExternalContact: selectExternalContact,
    shareToExternalMoments: shareToExternalMoments,
    openEnterpriseChat: function (p) {
      var ids = p.externalUserIds || []
      if (!ids.length && !p.chatId) return fail('openEnterpriseChat', 'invalid parameter')
      notifyDesktop('open-chat', { externalUserId: ids[0] || null, chatId: p.chatId || null })
      return ok('openEnterpriseChat', { chatId: p.chatId || '' })
    },
    openUserProfile: function (p) {
      if (p.type !== 1 && p.type !== 2 && p.type !== '1' && p.type !== '2') return fail('openUserProfile', 'invalid parameter')
      notifyDesktop('open-profile', { type: Number(p.type), userid: p.userid })
      return ok('openUserProfile')
    },
  }
  // Work without agentConfig, like the real client.
  var open = {
    checkJsApi: function (p) {
      var result = {}
      ;(p.jsApiList || []).forEach(function (n) { result[n] = n in handlers || n in open || n === 'agentConfig' })
      return ok('checkJsApi', { checkResult: result })
    },
    closeWindow: function () { notifyDesktop('close-window'); return ok('closeWindow') },
  }

  function dispatch(name, params) {
    if (name === 'agentConfig') {
      return verify(name, '/simulator/api/js/agent-config', {
        corpid: params.corpid, agentid: String(params.agentid), timestamp: String(params.timestamp),
        nonceStr: params.nonceStr, signature: params.signature, url: signedUrl(),
      }, params.jsApiList)
    }
    if (name === 'preVerifyJSAPI') {
      return verify(name, '/simulator/api/js/config', {
        corpid: params.appId, timestamp: String(params.verifyTimestamp), nonceStr: params.verifyNonceStr,
        signature: params.verifySignature, url: signedUrl(),
      }, params.verifyJsApiList)
    }
    if (open[name]) return open[name](params)
    if (!handlers[name]) return fail(name, 'function not exist')
    // The SDK repeats the agentConfig signature on every call; anything else was never verified.
    if (!verifiedSignature || (params.verifySignature && params.verifySignature !== verifiedSignature)) return fail(name, 'no permission')
    if (!declaredApis[name]) return fail(name, 'no permission')
    return handlers[name](params)
  }

  window.WeixinJSBridge = {
    invoke: function (name, params, cb) {
      var clean = {}
      for (var k in params || {}) if (typeof params[k] !== 'function') clean[k] = params[k]
      Promise.resolve()
        .then(function () { return dispatch(name, clean) })
        .catch(function () { return fail(name, 'system error') })
        .then(function (reply) { if (typeof cb === 'function') cb(reply) })
    },
    on: function () { /* no client-pushed events in the simulator */ },
  }
  document.dispatchEvent(new Event('WeixinJSBridgeReady'))
})()
