import { Router } from 'express'
import { page } from './html.js'

const FAULT_KINDS: [string, string][] = [
  ['rate_limit', '45009 接口调用超过频率'],
  ['concurrency', '45033 并发调用超限'],
  ['busy', '-1 系统繁忙'],
  ['no_permission', '48002 应用无客户联系权限'],
  ['outside_range', '60011 不在应用可见范围'],
  ['ip_not_trusted', '60020 服务器 IP 不在可信 IP'],
  ['network', '网络中断（连接被重置）'],
  ['timeout', '网络超时（不应答）'],
]
const FAULT_APIS = [
  '*',
  'gettoken',
  'externalcontact/get',
  'externalcontact/batch/get_by_user',
  'externalcontact/get_follow_user_list',
  'externalcontact/groupchat/get',
  'externalcontact/add_msg_template',
  'externalcontact/add_moment_task',
  'get_jsapi_ticket',
  'ticket/get',
]

/** Fault controls: the WeCom refusals a demo must survive, per API, for the next N calls or with a probability. */
const faultPanel = () => `
<section class="fault-panel" aria-label="故障注入">
  <header><strong>故障注入（与企业微信一样严格）</strong> <span class="muted small">每个 /cgi-bin 接口都会先经过这里</span></header>
  <form id="fault-form" class="fault-row">
    <label>接口 <input id="fault-api" name="api" list="fault-apis" value="*" maxlength="120" required></label>
    <datalist id="fault-apis">${FAULT_APIS.map((a) => `<option value="${a}">`).join('')}</datalist>
    <label>故障 <select id="fault-kind" name="kind">${FAULT_KINDS.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
    <label>方式 <select id="fault-mode" name="mode"><option value="count">接下来 N 次</option><option value="probability">按概率 %</option></select></label>
    <input id="fault-amount" name="amount" type="number" min="1" max="10000" value="3" aria-label="次数或概率" required>
    <button type="submit" class="wx-btn small primary">注入</button>
    <button id="fault-clear" type="button" class="wx-btn small">全部清除</button>
  </form>
  <ul id="fault-list" class="fault-list" aria-label="生效中的故障"></ul>
  <div class="fault-row">
    <span class="muted small">凭证：</span>
    <button type="button" class="wx-btn small" data-end="access_token" data-how="revoke">吊销 access_token（40014）</button>
    <button type="button" class="wx-btn small" data-end="access_token" data-how="expire">提前过期 access_token（42001）</button>
    <button type="button" class="wx-btn small" data-end="jsapi_ticket" data-how="revoke">吊销企业 jsapi_ticket</button>
    <button type="button" class="wx-btn small" data-end="agent_ticket" data-how="revoke">吊销应用 ticket</button>
  </div>
  <form id="domain-form" class="fault-row">
    <label>可信域名 <input id="trusted-domain" placeholder="留空＝PUBLIC_BASE_URL 的域名" maxlength="253"></label>
    <button type="submit" class="wx-btn small">保存</button>
    <label>回调 URL <input id="callback-url" type="url" placeholder="https://…/api/wecom/callback" maxlength="2000"></label>
    <button id="callback-save" type="button" class="wx-btn small">验证并保存</button>
  </form>
  <div class="fault-row">
    <span class="muted small">事件：</span>
    <button type="button" class="wx-btn small" data-event="chat-burst">客户群变更 ×2（同一秒）</button>
    <button type="button" class="wx-btn small" data-event="tag-burst">标签变更 ×2（同一秒）</button>
    <button type="button" class="wx-btn small" data-event="tag-shuffle">标签重排</button>
  </div>
  <div class="fault-row">
    <span class="muted small">场景：</span>
    <button id="reset-new-corp" type="button" class="wx-btn small">重置为新企业</button>
    <span class="muted small">清空顾问台的客户关系（企业微信侧不变），随即经接口重新导入，如 DEMO_SCENARIO=new-corp；进度见控制台「企微上线」</span>
  </div>
  <p id="fault-status" class="muted small" role="status"></p>
</section>`

const ENTRIES: [string, string][] = [
  ['single_chat_tools', '单聊工具栏'],
  ['group_chat_tools', '群聊工具栏'],
  ['contact_profile', '客户详情页'],
  ['normal', '工作台'],
]

/** The "desktop WeCom" page: static shell here, behaviour in /simulator/static/desktop.js. */
export function desktopPageRoutes(): Router {
  const router = Router()
  router.get('/', (_req, res) => {
    const entryOptions = ENTRIES.map(([v, label]) => `<option value="${v}">${label}</option>`).join('')
    const body = `
<div class="wx-desktop">
  <nav class="wx-rail"><div class="wx-logo">企</div><div class="wx-rail-item active" title="消息">消息</div><div class="wx-rail-item" title="通讯录">通讯录</div></nav>
  <section class="wx-list">
    <header class="wx-list-head">
      <label class="sr-only" for="staff-select">当前员工</label>
      <select id="staff-select" aria-label="当前员工"></select>
      <button id="add-customer" type="button" class="wx-btn primary">模拟新客户添加</button>
      <input id="contact-search" class="wx-search" type="search" placeholder="搜索客户（姓名或备注）" aria-label="搜索客户">
    </header>
    <div class="wx-list-tabs" role="tablist">
      <button id="tab-contacts" type="button" role="tab" aria-selected="true">客户</button>
      <button id="tab-groups" type="button" role="tab" aria-selected="false">客户群</button>
    </div>
    <p id="list-status" class="muted small"></p>
    <p id="contact-search-status" class="muted small" role="status"></p>
    <ul id="contact-list" class="wx-contacts" aria-label="客户列表"></ul>
    <ul id="group-list" class="wx-contacts" aria-label="客户群列表" hidden></ul>
  </section>
  <main class="wx-chat">
    <header class="wx-chat-head">
      <div><strong id="chat-title">请选择客户</strong> <span id="chat-sub" class="wx-tag">微信</span></div>
      <div class="wx-chat-actions">
        <select id="entry-select" aria-label="侧边栏入口">${entryOptions}</select>
        <button id="del-by-member" type="button" class="wx-btn">员工删除客户</button>
        <button id="del-by-customer" type="button" class="wx-btn">客户删除员工</button>
      </div>
    </header>
    <div id="messages" class="wx-messages" aria-live="polite"></div>
    <form id="reply-form" class="wx-composer">
      <input id="reply-input" maxlength="500" placeholder="以客户身份回复（模拟）" autocomplete="off">
      <button type="submit" class="wx-btn">发送</button>
    </form>
  </main>
  <aside id="phone-panel" class="wx-phone" aria-label="客户手机（模拟）">
    <div class="phone-shell">
      <div class="phone-title">客户手机<span class="phone-badge">模拟</span></div>
      <p class="phone-sub muted small">演示用：扮演客户本人的手机，真实环境中员工看不到这些信息。</p>
      <div class="phone-body"></div>
    </div>
  </aside>
  <aside class="wx-side">
    <div class="wx-side-head">顾问台</div>
    <iframe id="sidebar-frame" title="企微顾问台侧边栏" src="about:blank"></iframe>
  </aside>
</div>
<section class="sms-panel" aria-label="短信发件箱">
  <header><strong>短信发件箱（模拟）</strong> <button id="sms-refresh" type="button" class="wx-btn small">刷新</button></header>
  <ul id="sms-list"></ul>
</section>
<section class="task-panel" aria-label="群发与朋友圈任务">
  <header><strong>群发/朋友圈任务（模拟）</strong> <button id="tasks-refresh" type="button" class="wx-btn small">刷新</button></header>
  <ul id="task-list"></ul>
</section>
<section class="task-panel" aria-label="客户继承">
  <header><strong>客户继承：等待客户确认（模拟）</strong> <button id="transfers-refresh" type="button" class="wx-btn small">刷新</button></header>
  <p class="muted small">扮演客户：24 小时内可拒绝转接；或让接替成员在到期时客户数已满。</p>
  <ul id="transfer-list"></ul>
</section>
${faultPanel()}
<div id="toast" class="toast" role="status" hidden></div>`
    res.setHeader('Cache-Control', 'no-cache')
    res.type('html').send(
      page('企业微信（模拟）', body, {
        css: ['desktop.css', 'desktop-phone.css', 'desktop-faults.css'],
        scripts: [
          'desktop-groups.js',
          'desktop.js',
          'desktop-tasks.js',
          'desktop-transfers.js',
          'desktop-phone.js',
          'desktop-search.js',
          'desktop-faults.js',
        ],
        bodyClass: 'desktop',
      }),
    )
  })
  return router
}
