// Drives a running Knotwise through the telegram-test-api Bot API emulator, as a Telegram user would: /start, a
// conversation to a technique, the walk by button presses, and an emergency. Run by .ci/e2e-telegram.sh, which
// starts Knotwise with KNOTWISE_TELEGRAM_API_BASE pointing here. Exits non-zero on the first broken expectation.
'use strict';
const assert = require('assert');
const axios = require('axios');
const TelegramServer = require('telegram-test-api');

const [emulatorPort, guideUrl, token, secret] = process.argv.slice(2);

// The emulator posts webhooks without the secret-token header Telegram sends; it is added here as Telegram does.
axios.defaults.headers.common['X-Telegram-Bot-Api-Secret-Token'] = secret;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// How long a client's getUpdates waits for the guide's next reply. The emulator's default (one second) is shorter than
// a first reply that waits for the models on a loaded machine; and a poll it gives up on keeps polling underneath and
// takes the reply when it comes, so it is lost: wait long enough instead.
const REPLY_WAIT_MS = 60000;

async function until(what, read) {
  for (let i = 0; i < 100; i++) {
    const found = await read();
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  const server = new TelegramServer({ port: Number(emulatorPort), host: '127.0.0.1' });
  await server.start();
  try {
    await until('the guide', async () => (await axios.get(`${guideUrl}/health`).catch(() => null)) !== null);
    server.setWebhook({ url: `${guideUrl}/webhooks/telegram` }, token);
    const client = server.getClient(token, { userId: 7001, chatId: 7001, firstName: 'Sam',
      timeout: REPLY_WAIT_MS });
    const said = [];

    // Everything the guide has sent since the last call, as {text, buttons}.
    async function collect() {
      const updates = await client.getUpdates();
      for (const update of updates.result) {
        const markup = update.message.reply_markup;
        const keyboard = typeof markup === 'string' ? JSON.parse(markup).inline_keyboard : markup && markup.inline_keyboard;
        said.push({ text: update.message.text, buttons: (keyboard || []).flat() });
      }
    }
    async function replies(expected) {
      const found = await until(expected, async () => {
        await collect();
        return said.some((m) => m.text.includes(expected) && m.buttons.length > 0) ? said.slice() : null;
      });
      said.length = 0;
      return found;
    }
    // A whole turn: everything up to its last message, which carries the buttons (one with `containing`, if given).
    async function turn(containing = '') {
      const found = await until(`a turn with a ${containing || 'any'} button`, async () => {
        await collect();
        return said.some((m) => m.buttons.some((b) => b.callback_data.includes(containing))) ? said.slice() : null;
      });
      said.length = 0;
      return found;
    }
    const button = (messages, containing) => {
      const all = messages.flatMap((m) => m.buttons);
      const hit = all.find((b) => b.callback_data.includes(containing));
      assert.ok(hit, `no button with ${containing} in ${JSON.stringify(all)}`);
      return hit.callback_data;
    };

    await client.sendMessage(client.makeMessage('/start'));
    let last = await replies('Knotwise');
    for (const text of ['how do I release knots between my shoulder blades', 'about two weeks', '6 out of 10',
      'I have a tennis ball', '10 minutes']) {
      await client.sendMessage(client.makeMessage(text));
      last = await turn();
    }
    await client.sendMessage(client.makeMessage('no, none of those'));
    last = await turn('tennis_ball_wall');
    await client.sendCallback(client.makeCallbackQuery(button(last, 'tennis_ball_wall')));
    last = await replies('Step 1 of 6');
    for (let step = 2; step <= 6; step++) {
      await client.sendCallback(client.makeCallbackQuery(button(last, '/next')));
      last = await replies(`Step ${step} of 6`);
    }
    console.log('walked the whole technique through the emulator');

    const emergency = server.getClient(token, { userId: 7002, chatId: 7002, firstName: 'Alex',
      timeout: REPLY_WAIT_MS });
    await emergency.sendMessage(emergency.makeMessage('I have crushing chest pain and my left arm feels heavy'));
    const alarm = await until('the emergency advice', async () => {
      const updates = await emergency.getUpdates();
      return updates.result.find((u) => u.message.text.includes('999'));
    });
    assert.ok(alarm);
    console.log('an emergency got the 999 advice through the emulator');
  } finally {
    await server.stop();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error && error.stack || error);
  process.exit(1);
});
