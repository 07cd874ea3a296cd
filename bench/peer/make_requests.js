// Writes a pool of Slack requests, each signed the way Slack signs them (v0=HMAC-SHA256 of
// "v0:<timestamp>:<body>") with the current time, as raw HTTP/1.1 separated by NUL bytes,
// for pool.lua to hand to wrk one after another. Every declare has its own trigger_id and
// every event its own event_id, so none is a duplicate the server may skip. The timestamps
// stay valid for Slack's five minutes, longer than a benchmark run.
//
// node make_requests.js --secret S --count N --out FILE [--mix declare=2,update=30,...]
//                       [--channels C1,C2] [--tag T] [--ts C1:1700000000.000100]
'use strict';
const crypto = require('crypto');
const fs = require('fs');

function options(argv) {
  const o = { mix: 'declare=1', channels: '', tag: 'wrk', count: 0 };
  for (let i = 2; i < argv.length; i += 2) o[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!o.secret || !o.out || !(Number(o.count) > 0)) {
    throw new Error('usage: make_requests.js --secret S --count N --out FILE [--mix ...]');
  }
  return o;
}

// The kinds in the proportions asked for, spread evenly: a fixed order, the same every run.
function schedule(mix) {
  const weights = mix.split(',').map((part) => {
    const [kind, weight] = part.split('=');
    if (!['declare', 'update', 'note', 'event'].includes(kind) || !(Number(weight) > 0)) {
      throw new Error(`bad --mix entry '${part}'`);
    }
    return { kind, weight: Number(weight), credit: 0 };
  });
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  const order = [];
  for (let i = 0; i < total; ++i) {
    for (const w of weights) w.credit += w.weight;
    const pick = weights.reduce((a, b) => (b.credit > a.credit ? b : a));
    pick.credit -= total;
    order.push(pick.kind);
  }
  return order;
}

// application/x-www-form-urlencoded as Slack sends it: spaces as '+'.
const form = (text) => encodeURIComponent(text).replace(/%20/g, '+');

function command(channel, text, trigger) {
  return (
    `team_id=T0BENCH&team_domain=bench&channel_id=${channel}&channel_name=bench` +
    `&user_id=UBENCH&user_name=bench&command=%2Fincident&text=${form(text)}` +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0BENCH%2F1%2Fx' +
    `&trigger_id=${form(trigger)}&api_app_id=A0BENCH`
  );
}

function event(n, tag, channel, ts, now) {
  return JSON.stringify({
    type: 'event_callback',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    event_id: `Ev${tag}${n}`,
    event_time: now,
    event: {
      type: 'reaction_added',
      user: 'UBENCH',
      reaction: 'pushpin',
      item: { type: 'message', channel, ts },
      item_user: 'UWRITER',
      event_ts: `${now}.000200`,
    },
  });
}

function signed(secret, target, contentType, body, timestamp) {
  const signature =
    'v0=' + crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return (
    `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\n` +
    `User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\n` +
    `X-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: ${signature}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

function main() {
  const o = options(process.argv);
  const order = schedule(o.mix);
  const channels = o.channels ? o.channels.split(',') : [];
  if (order.some((k) => k !== 'declare') && channels.length === 0) {
    throw new Error('updates, notes and events need --channels');
  }
  const messageTs = '1700000000.000100';
  const now = Math.floor(Date.now() / 1000);
  const out = fs.openSync(o.out, 'w');
  const counts = { declare: 0, update: 0, note: 0, event: 0 };
  const chunk = [];
  for (let n = 0; n < Number(o.count); ++n) {
    const kind = order[n % order.length];
    const channel = channels[n % Math.max(channels.length, 1)];
    let request;
    if (kind === 'declare') {
      const body = command('CGENERAL', `declare bench ${o.tag} ${n} sev3`, `${o.tag}.${n}`);
      request = signed(o.secret, '/slack/commands', 'application/x-www-form-urlencoded', body, now);
    } else if (kind === 'event') {
      request = signed(o.secret, '/slack/events', 'application/json',
                       event(n, o.tag, channel, messageTs, now), now);
    } else {
      const text = kind === 'update' ? `update Bench update ${n}: still investigating`
                                     : `note Bench note ${n}: checked the dashboards`;
      request = signed(o.secret, '/slack/commands', 'application/x-www-form-urlencoded',
                       command(channel, text, ''), now);
    }
    ++counts[kind];
    chunk.push(request, '\0');
    if (chunk.length >= 20000) fs.writeSync(out, chunk.splice(0).join(''));
  }
  fs.writeSync(out, chunk.join(''));
  fs.closeSync(out);
  // The kinds of the first n requests, for the commit check: written beside the pool.
  fs.writeFileSync(o.out + '.kinds', order.join('\n') + '\n');
  process.stdout.write(JSON.stringify(counts) + '\n');
}

main();
