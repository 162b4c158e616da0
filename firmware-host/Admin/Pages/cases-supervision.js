// 县级督办 on the 差评回访 tab (markup in cases-tab.html): each 督办 the county sent about a case, its text and deadline
// in the hall's clock (as the box writes them), and a form for the hall's one answer. loadCases (cases-tab.js) calls loadSupervisions.

async function loadSupervisions() {
  let list;
  try { list = await api('GET', '/supervisions'); } catch (e) { say(e.message, false); return; }
  $('sv-list').innerHTML = list.length ? list.map((s) => `<article class="sv ${s.answered ? 'done' : ''}${s.overdue ? ' late' : ''}">
    <h3>县级督办 · 案件 ${esc(s.caseId)}${s.overdue ? ' <span class="overdue">已过督办期限</span>' : ''}</h3>
    <p class="sv-text">${esc(s.text)}</p>
    <p class="muted">期限:<strong>${esc(s.deadlineText)}</strong>${s.sentBy ? ' · 督办人:' + esc(s.sentBy) : ''} · 收到:${esc(s.receivedText)}</p>
    ${s.answered
      ? `<p class="sv-answer">已答复(${esc(s.answeredByName || s.answeredBy)},${esc(s.answeredText)}):${esc(s.answerText)}</p>`
      : `<form class="sv-form" data-id="${esc(s.supervisionId)}"><textarea rows="2" maxlength="1000" placeholder="回访和整改的情况" aria-label="答复内容"></textarea>
         <button type="submit">答复督办</button></form>`}
  </article>`).join('') : '<p class="muted">没有县级督办</p>';
}

$('sv-list').addEventListener('submit', async (e) => {
  const form = e.target.closest('form.sv-form');
  if (!form) { return; }
  e.preventDefault();
  const text = form.querySelector('textarea').value.trim();
  if (await act(api('POST', `/supervisions/${encodeURIComponent(form.dataset.id)}/answer`, { text }), '已答复督办,将随上行同步报县级中心')) { loadSupervisions(); }
});
