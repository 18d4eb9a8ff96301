// chat-client.js: a browser client for the course's chat protocol (PROTOCOL.md at the repository root).
//
// Lesson 05's RealtimeClient, in the browser and without a build step: it reconnects with full-jitter backoff,
// rejoins its rooms with `since` and `epoch`, drops the messages it has already seen, notices a dead connection
// with `ping`/`pong` (a page cannot send WebSocket ping frames), and keeps every unacknowledged `publish` in an
// outbox that it sends again, with the same `client_msg_id`, once it is back: the server answers such a retry
// with the first `seq` and delivers it to nobody a second time, so nothing typed during an outage is lost or
// doubled.
//
//   const client = new ChatClient({ url: async () => `ws://${location.host}/ws?token=${await freshToken()}` });
//   client.on("message", m => show(m));        // every server message by its type, and the events below
//   client.connect();
//   await client.send("join", { room: "lobby" });
//   await client.send("publish", { room: "lobby", data: "hi" }); // resolves with the ack, whenever it comes
//
// Events of the client itself, next to the server's message types:
//   state      {state, attempt, delay, code, reason}: "connecting", "open", "reconnecting", "gave_up", "closed"
//   gave_up    {attempts, code, reason}: maxAttempts failed in a row; retry() starts again
//   closed     {code, reason}: the server refused this client (1008, 4002): reconnecting cannot help
//   reload     {room, messages, ack}: the room holds exactly these messages now (a first join, or a rejoin
//              answered `recovered: false`): clear the room and show them
//   outbox     [{room, data, client_msg_id, sent}]: the publishes not acknowledged yet

/** Close codes after which a reconnect cannot help (PROTOCOL.md, close codes): a policy violation, a logout. */
const FINAL_CLOSES = new Set([1008, 4002]);
/** Refusals that mean "not now": the same request is sent again a little later. */
const TRY_AGAIN = new Set(["unavailable", "rate_limited"]);
/** A draining server (lesson 09) closes with 1012, service restart, and says when to come back. */
const SERVICE_RESTART = 1012;
const RECONNECT_HINT = /reconnect after (\d{1,9}) ms/;
/** The longest hint obeyed: a server's word, and a mistaken one must not park the page. */
const MAX_HINT_MS = 120000;

export class ChatClient {
  #handlers = new Map(); // type -> Set of handlers
  #socket = null;
  #pending = new Map(); // request id -> {resolve, reject}: every request with an id gets exactly one answer
  #rooms = new Map(); // room -> {lastSeq, epoch, held, waiters}
  #outbox = []; // publishes not acknowledged yet, oldest first
  #nextId = 0;
  #attempt = 0; // failed attempts in a row
  #timers = new Set();
  #pinger = null;

  /**
   * @param {object} options
   * @param {() => string|Promise<string>} options.url the WebSocket URL, asked again for every attempt so that
   *        it can carry a fresh token (a reconnect an hour later must not present an expired one)
   * @param {number} [options.maxAttempts=5] failed attempts in a row before giving up
   * @param {number} [options.baseDelayMs=250] @param {number} [options.maxDelayMs=30000] the backoff's window
   * @param {number} [options.pingEverySeconds=10] @param {number} [options.pongTimeoutSeconds=5] the liveness check
   */
  constructor({ url, maxAttempts = 5, baseDelayMs = 250, maxDelayMs = 30000, pingEverySeconds = 10,
                pongTimeoutSeconds = 5 }) {
    Object.assign(this, { url, maxAttempts, baseDelayMs, maxDelayMs, pingEverySeconds, pongTimeoutSeconds });
    this.state = "idle";
  }

  on(type, handler) {
    if (!this.#handlers.has(type)) this.#handlers.set(type, new Set());
    this.#handlers.get(type).add(handler);
    return this;
  }

  off(type, handler) {
    this.#handlers.get(type)?.delete(handler);
    return this;
  }

  /** Connects; after a failure it reconnects by itself until it gives up. */
  connect() {
    if (["connecting", "open", "reconnecting"].includes(this.state)) return;
    this.#attempt = 0;
    this.#open();
  }

  /** After `gave_up`: starts again with a fresh budget of attempts. */
  retry() {
    this.connect();
  }

  /** Closes for good: no reconnect. Unsent publishes stay in the outbox. */
  close() {
    this.#timers.forEach(clearTimeout);
    this.#timers.clear();
    const socket = this.#socket;
    this.#disconnected();
    socket?.close(1000, "bye");
    this.#setState("closed", { code: 1000, reason: "closed by the client" });
  }

  /**
   * Sends a request and resolves with its answer (`ack`, or `pong` for a `ping`), matched by `id`; an `error`
   * rejects with an Error carrying its `code`. A `publish` goes through the outbox: it waits out outages, and its
   * promise settles when the server finally answers. A `join` is remembered: the client rejoins after a reconnect.
   */
  send(type, fields = {}) {
    if (type === "publish") return this.#publish(fields);
    if (type === "join") return this.#join(fields.room);
    if (type === "leave") this.#rooms.delete(fields.room);
    return this.#request(type, fields);
  }

  /** The publishes not acknowledged yet. */
  get outbox() {
    return this.#outbox.map(entry => ({ ...entry.fields, sent: entry.sent }));
  }

  #emit(type, event) {
    for (const handler of this.#handlers.get(type) ?? []) {
      try {
        handler(event);
      } catch (e) {
        console.error(`a '${type}' handler failed`, e); // one broken handler must not break the client
      }
    }
  }

  #setState(state, detail = {}) {
    this.state = state;
    this.#emit("state", { state, ...detail });
  }

  #later(delayMs, action) {
    const timer = setTimeout(() => { this.#timers.delete(timer); action(); }, delayMs);
    this.#timers.add(timer);
  }

  async #open() {
    this.#setState("connecting", { attempt: this.#attempt });
    let url;
    try {
      url = await this.url();
    } catch (e) { // no token: the server is probably down too; it counts as a failed attempt
      return this.#lost(null, 0, `no URL: ${e.message}`);
    }
    if (this.state !== "connecting") return; // closed meanwhile
    const socket = new WebSocket(url);
    this.#socket = socket;
    socket.onmessage = event => this.#receive(socket, JSON.parse(event.data));
    socket.onclose = event => this.#lost(socket, event.code, event.reason);
  }

  /** The connection is gone (or never came): reconnect after a delay, give up, or stop for good. */
  #lost(socket, code, reason) {
    if (socket !== this.#socket || this.state === "closed") return; // an old socket, or closed on purpose
    this.#disconnected();
    if (FINAL_CLOSES.has(code)) {
      this.#setState("closed", { code, reason });
      return this.#emit("closed", { code, reason });
    }
    if (this.#attempt >= this.maxAttempts) {
      this.#setState("gave_up", { attempt: this.#attempt, code, reason });
      return this.#emit("gave_up", { attempts: this.#attempt, code, reason });
    }
    // Full jitter: a delay drawn from [0, min(cap, base × 2^attempt)]. Clients dropped together by a restart
    // then come back spread over the window instead of all at once (lesson 05's Backoff).
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.#attempt);
    // A draining server spread its clients' delays already: its hint replaces the backoff, for this attempt.
    const hint = code === SERVICE_RESTART ? RECONNECT_HINT.exec(reason || "") : null;
    const delay = hint ? Math.min(Number(hint[1]), MAX_HINT_MS) : Math.round(Math.random() * ceiling);
    this.#attempt++;
    this.#setState("reconnecting", { attempt: this.#attempt, delay, code, reason });
    this.#later(delay, () => this.#open());
  }

  /** Forgets the connection: requests in flight fail, except publishes, which wait in the outbox. */
  #disconnected() {
    clearInterval(this.#pinger);
    if (this.#socket) this.#socket.onclose = this.#socket.onmessage = null;
    this.#socket = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    pending.forEach(p => p.reject(Object.assign(new Error("disconnected"), { code: "disconnected" })));
    this.#rooms.forEach(room => { room.held = null; });
  }

  #receive(socket, message) {
    if (socket !== this.#socket) return;
    if (message.type === "connected") { // the first message of every connection: it is really open now
      this.#attempt = 0;
      this.#setState("open");
      this.#startPinger(socket);
      this.#emit("connected", message);
      this.#rooms.forEach((room, name) => this.#sendJoin(name));
      this.#outbox.filter(entry => !this.#rooms.has(entry.fields.room)).forEach(entry => this.#transmit(entry));
      return;
    }
    const waiting = message.id === undefined ? null : this.#pending.get(String(message.id));
    if (waiting) { // an answer: settle its request, do not tell anyone else
      this.#pending.delete(String(message.id));
      if (message.type === "error") {
        waiting.reject(Object.assign(new Error(message.message), { code: message.code }));
      } else {
        waiting.resolve(message);
      }
      return;
    }
    const room = message.type === "message" ? this.#rooms.get(message.room) : null;
    if (room?.held) {
      room.held.push(message); // sorted out with the join's ack: resumed, or the start of a reload
    } else if (room) {
      this.#deliver(room, message);
    } else {
      this.#emit(message.type, message);
    }
  }

  /** De-duplication: a message at or below the last seq seen is a repeat (a resume overlapping live delivery). */
  #deliver(room, message) {
    if (typeof message.seq === "number") { // a null seq (lesson 06: Redis unreachable) cannot be checked
      if (message.seq <= room.lastSeq) return;
      room.lastSeq = message.seq;
    }
    this.#emit("message", message);
  }

  #request(type, fields = {}) {
    if (this.state !== "open") {
      return Promise.reject(Object.assign(new Error("not connected"), { code: "disconnected" }));
    }
    const id = ++this.#nextId;
    const answer = new Promise((resolve, reject) => this.#pending.set(String(id), { resolve, reject }));
    this.#socket.send(JSON.stringify({ ...fields, type, id }));
    return answer;
  }

  #join(name) {
    let room = this.#rooms.get(name);
    if (!room) {
      room = { lastSeq: 0, epoch: null, held: null, waiters: [] };
      this.#rooms.set(name, room);
    }
    const joined = new Promise((resolve, reject) => room.waiters.push({ resolve, reject }));
    if (this.state === "open") this.#sendJoin(name); // otherwise the next connection joins it
    return joined;
  }

  #sendJoin(name) {
    const room = this.#rooms.get(name);
    // Resume from the last message seen, in the numbering (epoch) it belongs to; a first join names the room only.
    const fields = room.epoch ? { room: name, since: room.lastSeq, epoch: room.epoch } : { room: name };
    room.held = []; // the replay arrives before the ack, which says what it is
    this.#request("join", fields).then(ack => this.#joined(name, room, ack), error => {
      if (this.#rooms.get(name) !== room || error.code === "disconnected") return; // rejoined on reconnect
      if (TRY_AGAIN.has(error.code)) return this.#later(1000, () => this.state === "open" && this.#sendJoin(name));
      this.#rooms.delete(name); // refused (not_authorized, invalid_room): not a room of this client
      room.waiters.splice(0).forEach(w => w.reject(error));
    });
  }

  #joined(name, room, ack) {
    if (this.#rooms.get(name) !== room) return; // left meanwhile
    const held = (room.held ?? []).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    room.held = null;
    if (ack.recovered === true && ack.epoch === room.epoch) {
      held.forEach(message => this.#deliver(room, message)); // resumed: only what was missed is new
    } else { // a first join, or the gap cannot be filled: what the join replayed is the room now
      const seen = new Set();
      const messages = held.filter(m => m.seq == null || (!seen.has(m.seq) && seen.add(m.seq)));
      room.epoch = ack.epoch;
      room.lastSeq = 0;
      messages.forEach(m => { if (typeof m.seq === "number") room.lastSeq = Math.max(room.lastSeq, m.seq); });
      this.#emit("reload", { room: name, messages, ack });
    }
    room.lastSeq = Math.max(room.lastSeq, ack.seq ?? 0); // what the server did not replay will not come
    room.waiters.splice(0).forEach(w => w.resolve(ack));
    // Only now the room's outbox: a retry must come after the resume, or the page would see it twice.
    this.#outbox.filter(entry => entry.fields.room === name && !entry.sent).forEach(entry => this.#transmit(entry));
  }

  #publish(fields) {
    const entry = { fields: { ...fields, client_msg_id: fields.client_msg_id ?? newMessageId() }, sent: false };
    const acked = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this.#outbox.push(entry);
    this.#emit("outbox", this.outbox);
    const room = this.#rooms.get(fields.room);
    if (this.state === "open" && !room?.held) this.#transmit(entry); // else after the (re)join's ack
    return acked;
  }

  #transmit(entry) {
    entry.sent = true;
    this.#request("publish", entry.fields).then(ack => {
      this.#outbox.splice(this.#outbox.indexOf(entry), 1);
      this.#emit("outbox", this.outbox);
      entry.resolve(ack);
    }, error => {
      entry.sent = false;
      if (error.code === "disconnected") return; // stays in the outbox: sent again after the rejoin
      if (TRY_AGAIN.has(error.code)) { // nothing was stored: the same client_msg_id again, a second later
        return this.#later(1000, () => this.state === "open" && !entry.sent && this.#transmit(entry));
      }
      this.#outbox.splice(this.#outbox.indexOf(entry), 1); // refused for good (not_a_member, invalid_field)
      this.#emit("outbox", this.outbox);
      entry.reject(error);
    });
  }

  /**
   * A connection can die without a close (a laptop lid, a NAT that forgot it): the browser notices only when TCP
   * gives up, minutes later. A `ping` every few seconds, and no `pong` in time, tells sooner.
   */
  #startPinger(socket) {
    this.#pinger = setInterval(() => {
      let answered = false;
      this.#request("ping").then(() => { answered = true; }, () => { answered = true; });
      this.#later(this.pongTimeoutSeconds * 1000, () => {
        if (!answered && socket === this.#socket) {
          socket.close(4000, "no pong"); // a code a page may send; its onclose is not waited for
          this.#lost(socket, 0, `no pong within ${this.pongTimeoutSeconds} s`);
        }
      });
    }, this.pingEverySeconds * 1000);
  }
}

/**
 * A `client_msg_id`: 1 to 64 of A-Z a-z 0-9 - _. randomUUID() exists only in secure contexts (https, localhost),
 * so a page served over plain http from another host falls back to getRandomValues, which exists everywhere.
 */
function newMessageId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
}
