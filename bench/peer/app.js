// The peer for bench/peer_compare.sh: what a team writing its own bot in Bolt-JS would do.
// It verifies each request's signature (Bolt's HTTPReceiver), parses the command, keeps
// incidents in memory (no durability at all) and acks with replies shaped like firebreak's.
// Same request URLs: /slack/commands and /slack/events.
//
// PORT (default 3000), SLACK_SIGNING_SECRET, and PEER_CHANNELS: comma-separated channel ids
// that already hold an incident (firebreak's warm-up incidents, for the mixed load).
'use strict';
const { App, LogLevel } = require('@slack/bolt');

const incidents = new Map(); // id -> incident
const byChannel = new Map(); // channel id -> incident
let nextId = 1;

function remember(incident) {
  incidents.set(incident.id, incident);
  if (incident.channel) byChannel.set(incident.channel, incident);
}

for (const channel of (process.env.PEER_CHANNELS || '').split(',').filter(Boolean)) {
  remember({ id: nextId++, title: 'warm-up', severity: 'sev2', status: 'investigating',
             channel, timeline: [], declaredBy: 'UBENCH', declaredAt: Date.now() });
}

function reply(text, visibility) {
  return {
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    response_type: visibility,
    text,
  };
}

const slug = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const severityNames = { sev1: 'Critical', sev2: 'High', sev3: 'Medium', sev4: 'Low' };

function declare(words, command) {
  let severity = 'sev2';
  if (words.length > 0 && severityNames[words[words.length - 1].toLowerCase()]) {
    severity = words.pop().toLowerCase();
  }
  const title = words.join(' ');
  if (!title) return reply('Usage: /incident declare <title> [sev1..sev4]', 'ephemeral');
  const now = new Date();
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const incident = { id: nextId++, title, severity, status: 'investigating', channel: '',
                     name: `inc-${date}-${slug(title)}`, timeline: [],
                     declaredBy: command.user_id, declaredAt: now.getTime(),
                     trigger: command.trigger_id };
  remember(incident);
  return reply(`Declared ${severity.toUpperCase()} (${severityNames[severity]}): ${incident.name}. ` +
               'I am creating its channel and will invite you to it.', 'ephemeral');
}

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'xoxb-bench-peer',
  // With its bot ids given, Bolt never calls auth.test: the peer talks to no one.
  botId: 'B0BENCHPEER',
  botUserId: 'U0BENCHPEER',
  tokenVerificationEnabled: false,
  endpoints: ['/slack/commands', '/slack/events'],
  logLevel: process.env.PEER_DEBUG ? LogLevel.DEBUG : LogLevel.ERROR,
});

app.command('/incident', async ({ command, ack }) => {
  const words = command.text.trim().split(/\s+/).filter(Boolean);
  const verb = (words.shift() || 'help').toLowerCase();
  if (verb === 'declare') return ack(declare(words, command));
  if (verb === 'help') return ack(reply('/incident declare <title> [sev1..sev4], update, note, …', 'ephemeral'));
  const incident = byChannel.get(command.channel_id);
  if (!incident) {
    return ack(reply('There is no incident in this conversation. Run the command in the ' +
                     "incident's channel, or see /incident list.", 'ephemeral'));
  }
  const text = words.join(' ');
  if (verb === 'update' || verb === 'note') {
    incident.timeline.push({ kind: verb, text, by: command.user_id, at: Date.now() });
    return ack(verb === 'update'
      ? reply(`*Update* on ${incident.title} from <@${command.user_id}>: ${text}`, 'in_channel')
      : reply(`Noted on the timeline: ${text}`, 'ephemeral'));
  }
  return ack(reply(`Unknown subcommand '${verb}'. Try /incident help.`, 'ephemeral'));
});

app.event('reaction_added', async ({ event }) => {
  if (event.reaction !== 'pushpin') return;
  const incident = byChannel.get(event.item.channel);
  if (incident) incident.timeline.push({ kind: 'pinned', ts: event.item.ts, by: event.user, at: Date.now() });
});

(async () => {
  await app.start(Number(process.env.PORT || 3000));
  process.stdout.write(`peer: listening on ${process.env.PORT || 3000}\n`);
})();
