/* Search over the member's customer list: filters the rendered rows by name or remark, survives re-renders. */
;(function () {
  'use strict'
  var input = document.getElementById('contact-search')
  var list = document.getElementById('contact-list')
  var status = document.getElementById('contact-search-status')
  function apply() {
    var q = input.value.trim().toLowerCase()
    var rows = list.querySelectorAll('.wx-contact')
    var shown = 0
    rows.forEach(function (li) {
      var hit = !q || li.textContent.toLowerCase().indexOf(q) >= 0
      li.hidden = !hit
      if (hit) shown++
    })
    status.textContent = q ? (shown ? '找到 ' + shown + ' 位客户' : '没有匹配「' + input.value.trim() + '」的客户') : ''
  }
  input.addEventListener('input', apply)
  new MutationObserver(apply).observe(list, { childList: true })
})()
