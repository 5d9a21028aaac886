/* global Chart */
// The dashboard page: one event stream, four charts, two tables, the waiting line, the buttons.
// Plain browser JavaScript on purpose: no bundler, chart.js served by the app. Every call
// carries the operator's token (operator-sign-in.js).
/* global operatorSession */
(function () {
  'use strict';

  const WINDOW = 120; // points kept per chart (two minutes at the default poll)
  const COLORS = ['#e4572e', '#29335c', '#17bebb', '#f3a712', '#669bbc', '#8e44ad'];
  const $ = (id) => document.getElementById(id);

  function lineChart(id, yTitle, extraAxes) {
    return new Chart($(id), {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        // One line per consumer queue: small legend boxes keep the plot area large.
        plugins: { legend: { labels: { boxWidth: 12, font: { size: 11 } } } },
        elements: { point: { radius: 0 }, line: { tension: 0.2, borderWidth: 2 } },
        scales: Object.assign(
          {
            x: { ticks: { maxTicksLimit: 6 } },
            y: { beginAtZero: true, title: { display: true, text: yTitle } },
          },
          extraAxes || {},
        ),
      },
    });
  }

  const charts = {
    intake: lineChart('chart-intake', 'orders/s', {
      latency: {
        position: 'right',
        beginAtZero: true,
        title: { display: true, text: 'ms' },
        grid: { drawOnChartArea: false },
      },
    }),
    depth: lineChart('chart-depth', 'messages'),
    drain: lineChart('chart-drain', 'messages/s'),
    e2e: lineChart('chart-e2e', 'ms'),
  };

  /** The dataset named `label` on `chart`, created on first use (`style` overrides its look). */
  function series(chart, label, index, axis, style) {
    let dataset = chart.data.datasets.find((d) => d.label === label);
    if (!dataset) {
      const color = COLORS[index % COLORS.length];
      dataset = { label, data: [], borderColor: color, backgroundColor: color, spanGaps: true };
      if (axis) dataset.yAxisID = axis;
      Object.assign(dataset, style || {});
      chart.data.datasets.push(dataset);
    }
    return dataset;
  }

  function push(chart, label, values) {
    chart.data.labels.push(label);
    for (const [name, value, index, axis, style] of values) {
      const dataset = series(chart, name, index, axis, style);
      while (dataset.data.length < chart.data.labels.length - 1) dataset.data.push(null);
      dataset.data.push(value);
    }
    if (chart.data.labels.length > WINDOW) {
      chart.data.labels.shift();
      for (const dataset of chart.data.datasets) dataset.data.shift();
    }
    chart.update();
  }

  const mb = (bytes) => (bytes === null ? '—' : `${Math.round(bytes / 1048576)} MB`);
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  const rate = (value) => (value === null ? '—' : value);

  /** Whether the queue's consumers take messages, with the button that changes it. */
  function consuming(c) {
    const button = (action, text) =>
      `<button data-action="${action}" data-queue="${esc(c.queue)}">${text}</button>`;
    if (c.replicas === 0)
      return '<span title="add it to SERVICE_URLS">service not reachable</span>';
    if (c.replicasUp === 0) return '<span class="down">down</span>';
    if (c.paused === null) return 'no admin API';
    if (c.paused === 0) return `yes ${button('pause', 'Pause')}`;
    const some = c.paused < c.replicasUp ? ` on ${c.paused} of ${c.replicasUp}` : '';
    return `<span class="paused">paused${some}</span> ${button('resume', 'Resume')}`;
  }

  function renderConsumers(consumers) {
    const rows = consumers.map((c) => {
      const work =
        c.workTimeMs === null
          ? '—'
          : `<input type="number" min="0" value="${c.workTimeMs}" data-work-time="${esc(c.service)}" aria-label="work time ms for ${esc(c.service)}"> ms ` +
            `<button data-action="work-time" data-service="${esc(c.service)}">Set</button>`;
      const depthTitle =
        c.unacked === null
          ? 'ready messages (AMQP does not count unacked ones)'
          : `${c.unacked} unacked`;
      return (
        `<tr data-queue="${esc(c.queue)}" data-service="${esc(c.service)}"><td>${esc(c.queue)}</td><td>${esc(c.service)}</td>` +
        `<td class="num" title="${depthTitle}">${c.messages}</td><td class="num">${c.consumers}</td>` +
        `<td class="num">${c.replicasUp}/${c.replicas}</td>` +
        `<td class="num">${rate(c.publishRate)}</td><td class="num">${c.drainRate}</td>` +
        `<td class="num">${c.deadLetters}</td><td class="num">${mb(c.rssBytes)}</td>` +
        `<td>${work}</td><td>${consuming(c)}</td></tr>`
      );
    });
    // Keep a work-time field the user is typing in.
    if (!document.activeElement || !document.activeElement.dataset.workTime) {
      $('consumer-rows').innerHTML = rows.join('');
    }
  }

  function renderRiders(riders) {
    $('waiting-line').textContent = riders
      ? String(riders.waiting)
      : 'rider-assignment unavailable';
    $('riders').textContent = riders
      ? `${riders.riders.busy} riders busy, ${riders.riders.available} free` +
        (riders.oldestWaitMs === null
          ? ''
          : ` · head of the line waiting ${Math.round(riders.oldestWaitMs / 1000)} s`)
      : '';
  }

  /** Where the queue figures come from, in the header: the page must say when rates are estimates. */
  function brokerStatus(broker) {
    if (!broker.up) return ' · broker unavailable';
    if (broker.source === 'management') return ' · queues: management API';
    return ' · queues: AMQP (no management API: depth counts ready messages, drain = fall in depth)';
  }

  /** Each order's link to its trace, or (no tracing UI configured) its waterfall drawn from its timeline. */
  function renderOrders(orders) {
    $('order-rows').innerHTML = orders
      .map(
        (o) =>
          `<tr data-order-id="${esc(o.id)}"><td title="${esc(o.id)}">${esc(o.id.slice(0, 8))}</td><td>${esc(o.status)}</td>` +
          `<td class="num">${esc(o.total)}</td><td>` +
          (o.traceUrl
            ? `<a class="trace" href="${esc(o.traceUrl)}" target="_blank" rel="noopener">trace</a>`
            : '') +
          waterfall(o.steps) +
          `</td></tr>`,
      )
      .join('');
  }

  /** One bar per step, from the order's creation to the step, on a scale of the slowest step. */
  function waterfall(steps) {
    const longest = Math.max(1, ...steps.map((s) => s.afterMs));
    return steps
      .map(
        (s) =>
          `<div class="step" title="${esc(s.type)} +${s.afterMs} ms"><span class="lane"><span class="bar" style="width:${Math.max(1, (100 * s.afterMs) / longest).toFixed(1)}%"></span></span>${esc(s.type)} +${s.afterMs}</div>`,
      )
      .join('');
  }

  function render(snapshot) {
    const time = new Date(snapshot.at).toLocaleTimeString();
    push(charts.intake, time, [
      ['orders/s', snapshot.intake.ratePerSec, 0],
      ['avg latency ms', snapshot.intake.avgMs, 1, 'latency'],
      ['p95 latency ms', snapshot.intake.p95Ms, 2, 'latency'],
    ]);
    const riders = snapshot.riders;
    push(charts.depth, time, [
      ...snapshot.consumers.map((c, i) => [c.queue, c.messages, i]),
      [
        'rider waiting line',
        riders ? riders.waiting : null,
        0,
        undefined,
        { borderColor: '#555', backgroundColor: '#555', borderDash: [6, 4] },
      ],
    ]);
    push(
      charts.drain,
      time,
      snapshot.consumers.map((c, i) => [c.queue, c.drainRate, i]),
    );
    push(charts.e2e, time, [
      ['p50 ms', snapshot.endToEnd ? snapshot.endToEnd.p50Ms : null, 0],
      ['p95 ms', snapshot.endToEnd ? snapshot.endToEnd.p95Ms : null, 1],
    ]);
    renderConsumers(snapshot.consumers);
    renderRiders(riders);
    renderOrders(snapshot.orders);
    const tb = snapshot.trialBalance;
    $('trial-balance').textContent = tb
      ? `${(tb.debitCents / 100).toFixed(2)} debit = ${(tb.creditCents / 100).toFixed(2)} credit ${tb.balanced ? '✓ balanced' : '✗ NOT balanced'}`
      : 'ledger unavailable';
    $('dead-letters').textContent = String(
      snapshot.consumers.reduce((n, c) => n + c.deadLetters, 0),
    );
    $('accepted').textContent = String(snapshot.intake.acceptedTotal);
    const s = snapshot.spike;
    $('spike').textContent = s.planned
      ? `spike ${s.running ? 'running' : 'done'}: ${s.sent}/${s.planned} sent, ${s.accepted} accepted, ${s.failed} failed`
      : '';
    $('status').textContent =
      `updated ${time}` +
      brokerStatus(snapshot.broker) +
      (snapshot.intake.orderServiceUp ? '' : ' · order-service down');
    window.dashboard.snapshots += 1;
    window.dashboard.last = snapshot;
  }

  /** fetch with the operator's token; once more with a fresh one if the dashboard refused it. */
  async function authorizedFetch(path, init = {}) {
    for (let attempt = 0; ; attempt++) {
      const authorization = await operatorSession.authorization();
      const headers = Object.assign({}, init.headers, { authorization });
      const response = await fetch(path, Object.assign({}, init, { headers }));
      if (response.status !== 401 || attempt > 0) return response;
      operatorSession.refused();
    }
  }

  async function call(method, path, body) {
    const response = await authorizedFetch(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    $('action-result').textContent = response.ok ? '' : `${response.status}: ${text.slice(0, 160)}`;
    return response.ok ? JSON.parse(text || 'null') : null;
  }

  $('place-order').addEventListener('click', async () => {
    const placed = await call('POST', '/actions/order');
    if (placed) $('action-result').textContent = `placed ${placed.id.slice(0, 8)}`;
  });
  $('fire-spike').addEventListener('click', () =>
    call('POST', '/actions/spike', {
      orders: Number($('spike-orders').value),
      seconds: Number($('spike-seconds').value),
    }),
  );
  $('consumer-rows').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const action = button.dataset.action;
    if (action === 'work-time') {
      const service = button.dataset.service;
      const input = document.querySelector(`input[data-work-time="${service}"]`);
      void call('PUT', `/actions/services/${encodeURIComponent(service)}/work-time`, {
        workTimeMs: Number(input.value),
      });
    } else {
      void call('POST', `/actions/queues/${encodeURIComponent(button.dataset.queue)}/${action}`);
    }
  });

  /**
   * The snapshot stream (server-sent events) read with fetch, since EventSource cannot send an
   * Authorization header; reconnects as EventSource would.
   */
  async function followSnapshots() {
    for (;;) {
      try {
        const response = await authorizedFetch('/events', {
          headers: { accept: 'text/event-stream' },
        });
        if (!response.ok) throw new Error(`/events answered ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).replace(/^ /, ''))
              .join('\n');
            buffer = buffer.slice(end + 2);
            if (data) render(JSON.parse(data));
          }
        }
      } catch (error) {
        console.warn('snapshot stream:', error);
      }
      $('status').textContent = 'reconnecting…';
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  window.dashboard = { charts, snapshots: 0, last: null };
  void followSnapshots();
})();
