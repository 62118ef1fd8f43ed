// The live meeting in the browser: a WebSocket that resumes from the last event seen,
// a view fetched after each event, and ballots queued on the device until acknowledged.
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root) return;
  const session = root.dataset.session;
  const role = root.dataset.role;
  const token = decodeURIComponent(location.hash.slice(1));
  const api = "/api/sessions/" + session;
  const auth = { Authorization: "Bearer " + token };
  const queueKey = "unsc-ballots-" + session + "-" + token.slice(0, 8);
  let lastSeq = 0, socket = null, view = null, backoff = 500, speaking = null;
  const castOn = new Map();  // vote number -> what this device's accepted ballot cast

  const clock = (s) => Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  let lastEndTry = 0;
  function silenceTick() {
    for (const span of document.querySelectorAll(".silence")) {
      const left = Math.round((Date.parse(span.dataset.deadline) - Date.now()) / 1000);
      span.textContent = left > 0
        ? " until " + new Date(span.dataset.deadline).toLocaleTimeString() + " (" + clock(left) + " left)"
        : " — silence has ended";
    }
    const statement = view && view.statements[view.statements.length - 1];
    const over = statement && !statement.ended && statement.deadline &&
      Date.parse(statement.deadline) <= Date.now();
    if (role === "delegation" && over) $("break-silence").disabled = true;
    // The chair's console closes the procedure at its deadline; the server checks the
    // time by its own clock, so a console whose clock runs ahead tries again.
    if (role === "chair" && over && Date.now() - lastEndTry > 5000) {
      lastEndTry = Date.now();
      send("end_silence");
    }
  }
  setInterval(silenceTick, 1000);

  function tick() {
    const box = $("speaking");
    if (!speaking) { box.textContent = ""; return; }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(speaking.since)) / 1000));
    const limit = view && view.speaking_limit;
    box.textContent = "Speaking: " + speaking.name + " — " + clock(seconds) +
      (limit ? " of " + clock(limit) + (seconds >= limit ? " — time is up" : "") : "");
    box.classList.toggle("over", Boolean(limit && seconds >= limit));
  }
  setInterval(tick, 1000);

  const $ = (id) => document.getElementById(id);
  const status = (text) => { $("status").textContent = text; };
  const queued = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
  const saveQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

  // One request for the whole view at a time: events that come meanwhile ask for one more.
  let fetching = false, again = false;
  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      const response = await fetch(api, { headers: auth });
      if (!response.ok) { status((await response.json()).error || "This link does not work."); return; }
      const fresh = await response.json();
      if (!view || fresh.last_seq >= view.last_seq) { view = fresh; render(); }
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  }

  // Ballots come with the open vote's tally: the screen updates without asking.
  function update(body) {
    const tally = body.tally;
    const onlyBallots = body.events.every((e) => e.kind === "cast");
    const last = view && view.votes[view.votes.length - 1];
    if (role !== "chair" && onlyBallots && tally && last && last.number === tally.vote.number &&
        view.last_seq === body.events[0].seq - 1) {
      view.votes[view.votes.length - 1] = Object.assign({}, tally.vote,
        { you_voted: last.you_voted, your_vote: last.your_vote });
      view.last_seq = tally.seq;
      render();
    } else {
      refresh();
    }
  }

  const CAST = { yes: "Yes", no: "No", abstain: "Abstain", absent: "absent",
    not_participating: "not participating" };
  const PRESENCE = { present: "present", present_and_voting: "present and voting", absent: "absent" };

  // Seat by seat: the chair sees who has voted, and how, as ballots come in; the room sees
  // every member's vote once the vote is closed.
  function renderGrid(vote) {
    const body = document.querySelector("#grid tbody");
    if (!body) return;
    const section = document.querySelector("section.seats");
    const shown = role === "chair" || Boolean(vote && vote.closed);
    section.hidden = !shown;
    if (!shown) return;
    const ballots = (vote && vote.ballots) || {};
    let voted = 0;
    body.textContent = "";
    for (const m of view.members) {
      const row = document.createElement("tr");
      row.dataset.seat = m.key;
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = m.name + (m.permanent ? " *" : "");
      if (m.permanent) name.title = "permanent member";
      const presence = document.createElement("td");
      presence.className = "presence";
      presence.textContent = PRESENCE[view.presence[m.key]] || "—";
      const cast = document.createElement("td");
      const value = ballots[m.key];
      if (value && ["yes", "no", "abstain"].includes(value)) voted++;
      cast.className = "cast" + (value ? " cast-" + value : "");
      cast.textContent = !vote ? "" : value ? value.replace("_", " ") : "not yet";
      row.append(name, presence, cast);
      body.appendChild(row);
    }
    $("grid-title").textContent = vote ? "Vote " + vote.number + ", member by member" : "Members";
    $("grid-summary").textContent = !vote ? "" : vote.closed
      ? "Vote " + vote.number + " is closed (* permanent member)."
      : voted + " of " + view.members.length + " have voted";
  }

  function render() {
    if (view.ended) status("The session has ended; its votes are in the record (as a simulation).");
    const vote = view.votes[view.votes.length - 1];
    const names = Object.fromEntries(view.members.map((m) => [m.key, m.name]));
    $("council").textContent = (view.custom ? view.title : "The Council of " + view.date) +
      ": " + view.members.length + " members, " + view.threshold + " votes needed" +
      (view.president ? "; President: " + view.president : "") + ".";
    if (role === "delegation" && view.you.seat) $("seat-name").textContent = names[view.you.seat];
    if (vote) {
      const about = [];
      if (vote.subject === "amendment") about.push("amendment to " + vote.draft);
      if (vote.chapter) about.push(vote.chapter === "52(3)" ? "under Art. 52(3)" : "under Chapter " + vote.chapter);
      if (vote.parties.length) about.push("parties to the dispute: " + vote.parties.join(", "));
      for (const a of vote.amendments) {
        about.push("amendment " + a.title + (a.adopted ? " adopted" : " not adopted") + " before it");
      }
      $("vote-title").textContent = "Vote " + vote.number + ": " + vote.title + " (" + vote.kind +
        (about.length ? "; " + about.join("; ") : "") + ")";
      const counts = "in favour " + vote.tally.yes + ", against " + vote.tally.no +
        ", abstaining " + vote.tally.abstain;
      // Once closed, the result: the counts, then what was needed ("9 needed").
      $("line").textContent = vote.closed
        ? "Closed: " + counts + " (" + vote.line.split(" — ")[0] + ")"
        : vote.line + " — open · " + counts;
      // While the vote is open, the permanent members voting no; once decided, the outcome
      // names the vetoing members itself.
      $("veto").textContent = vote.permanent_no.length && vote.kind !== "procedural" && !vote.decision
        ? "Negative vote of a permanent member: " + vote.permanent_no.join(", ") : "";
      $("outcome").textContent = vote.decision ? vote.decision.explanation +
        (vote.decision.vetoed_by.length ? " Vetoed by " + vote.decision.vetoed_by.join(", ") + "." : "") : "";
    }
    renderGrid(vote);
    $("votes").innerHTML = "";
    for (const v of view.votes.filter((x) => x.closed)) {
      const li = document.createElement("li");
      li.textContent = v.title + ": " + v.decision.explanation;
      $("votes").appendChild(li);
    }
    for (const c of view.corrections) {
      const li = document.createElement("li");
      li.textContent = "Correction to vote " + c.vote + ": " + names[c.seat] + " recorded as " +
        c.cast + (c.previous ? " (was " + c.previous + ")" : "") + ". Reason: " + c.reason;
      $("votes").appendChild(li);
    }
    $("statements").innerHTML = "";
    for (const s of view.statements) {
      const li = document.createElement("li");
      li.textContent = s.kind.replace("_", " ") + ": " + s.text + " — " +
        (s.decision ? s.decision.explanation : "under silence procedure");
      if (!s.decision && s.deadline) {
        const left = document.createElement("span");
        left.className = "silence";
        left.dataset.deadline = s.deadline;
        li.appendChild(left);
      }
      $("statements").appendChild(li);
    }
    for (const j of view.joint_statements) {
      const li = document.createElement("li");
      li.textContent = "Joint statement by " + j.signatories.length + " states (no Council status): " +
        j.signatories.join(", ") + ". " + j.text;
      $("statements").appendChild(li);
    }
    if (role === "delegation") {
      const open = vote && !vote.closed;
      const pending = open && queued().some((b) => b.vote === vote.number);
      const voted = open && (vote.you_voted || castOn.has(vote.number) || pending);
      for (const b of document.querySelectorAll(".choices button")) b.disabled = !open || voted;
      $("question").textContent = open ? "Vote " + vote.number + ": " + vote.title : "No vote is open.";
      // The phone says which vote it cast, as the server recorded it.
      const mine = vote && (vote.your_vote || castOn.get(vote.number));
      const which = vote ? ", on vote " + vote.number + " (" + vote.title + ")." : "";
      if (open && mine) $("mine").textContent = "Your vote is recorded: " + CAST[mine] + which;
      else if (open && voted) $("mine").textContent = "Sending your vote…";
      else if (vote && vote.closed && mine && CAST[mine] && ["yes", "no", "abstain"].includes(mine)) {
        $("mine").textContent = "Your vote was recorded: " + CAST[mine] + which;
      } else if (vote && vote.closed && mine) {
        $("mine").textContent = "You did not vote on vote " + vote.number + " (recorded as " + CAST[mine] + ").";
      } else if (!open) $("mine").textContent = "";
      const statement = view.statements[view.statements.length - 1];
      $("break-silence").disabled = !(statement && !statement.ended);
    }
    $("speakers").innerHTML = "";
    for (const name of view.speakers) {
      const li = document.createElement("li");
      li.textContent = name;
      $("speakers").appendChild(li);
    }
    speaking = view.speaking;
    tick();
    silenceTick();
    if (role === "chair") {
      const parties = $("parties");
      if (!parties.childElementCount) {
        for (const m of view.members) {
          const label = document.createElement("label");
          label.innerHTML = '<input type="checkbox" name="party" value="' + m.key + '"> ';
          label.appendChild(document.createTextNode(m.name));
          parties.appendChild(label);
        }
      }
      for (const id of ["roll-seat", "speaker-seat", "correct-seat", "reissue-seat"]) {
        const select = $(id);
        if (!select.childElementCount) {
          for (const m of view.members) {
            const option = document.createElement("option");
            option.value = m.key;
            option.textContent = m.name;
            select.appendChild(option);
          }
        }
      }
      const box = $("signatories");
      if (!box.childElementCount) {
        for (const m of view.members) {
          const label = document.createElement("label");
          label.innerHTML = '<input type="checkbox" value="' + m.key + '"> ';
          label.appendChild(document.createTextNode(m.name));
          box.appendChild(label);
        }
      }
    }
  }

  const awaiting = [];  // replies come in the order the commands were sent
  // Where WebSockets do not get through (some school and conference networks), the page
  // falls back to long polling: events by GET .../events?since=N&wait=25, commands by POST.
  let polling = new URLSearchParams(location.search).get("transport") === "poll";
  let failures = 0, everOpened = false;
  // A ballot whose POST failed is sent again while polling works (a retry counts once).
  setInterval(() => { if (polling && queued().length) flushQueue(); }, 5000);

  function answered(sent, body) {
    // A ballot leaves the device's queue once answered: accepted (or recognised as a
    // retry), or refused for good. A passing failure keeps it for the next connection.
    const final = body.ack || /absent|already voted|no vote is open|is closed|already used|shall abstain/
      .test(body.error || "");
    if (sent && sent.ballot && final) {
      const ballot = queued().find((b) => b.ballot_id === sent.ballot);
      if (ballot && body.ack) castOn.set(ballot.vote, ballot.cast);
      saveQueue(queued().filter((b) => b.ballot_id !== sent.ballot));
    }
    if (body.error) status(body.error);
  }

  // While polling, each command waits for the answer to the one before, so the server
  // takes them in the order they were given (a WebSocket keeps that order by itself).
  // A request that gets no answer in 15 s is given up (a ballot stays queued on the device),
  // so one lost request cannot hold up the rest; a ballot already on its way is not sent
  // again meanwhile.
  let posting = Promise.resolve();
  const sending = new Set();

  function send(command, data) {
    const sent = { command: command, ballot: data && data.ballot_id };
    if (polling) {
      if (sent.ballot && sending.has(sent.ballot)) return true;
      if (sent.ballot) sending.add(sent.ballot);
      posting = posting.then(() => fetch(api + "/commands", {
        method: "POST",
        headers: Object.assign({ "Content-Type": "application/json" }, auth),
        body: JSON.stringify({ command: command, data: data || {} }),
        signal: AbortSignal.timeout(15000),
      }).then(async (response) => {
        const body = await response.json();
        answered(sent, response.ok ? { ack: true } : { error: body.error || "refused" });
      }).catch(() => status("Offline: your vote is kept on this device and sent when back."))
        .finally(() => { if (sent.ballot) sending.delete(sent.ballot); }));
      return true;
    }
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ command: command, data: data || {} }));
      awaiting.push(sent);
      return true;
    }
    return false;
  }

  function flushQueue() {
    for (const ballot of queued()) send("cast", ballot);
  }

  async function poll() {
    status("Connected (without WebSockets: polling).");
    flushQueue();
    refresh();
    for (;;) {
      try {
        const response = await fetch(api + "/events?since=" + lastSeq + "&wait=25", { headers: auth });
        const body = await response.json();
        if (!response.ok) {
          status(body.error || "This link does not work.");
          if (response.status === 403) return;
          throw new Error(body.error);
        }
        if (body.events.length) {
          for (const e of body.events) lastSeq = Math.max(lastSeq, e.seq);
          update(body);
        }
        backoff = 500;
      } catch (err) {
        await new Promise((done) => setTimeout(done, backoff));
        backoff = Math.min(backoff * 2, 8000);
        flushQueue();
      }
    }
  }

  function connect() {
    if (polling) { poll(); return; }
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    let opened = false;
    socket = new WebSocket(scheme + location.host + api + "/ws?token=" +
      encodeURIComponent(token) + "&since=" + lastSeq);
    socket.onopen = () => {
      opened = true; everOpened = true; failures = 0; backoff = 500;
      status("Connected."); flushQueue(); refresh();
    };
    socket.onmessage = (message) => {
      const body = JSON.parse(message.data);
      if (body.events) {
        for (const e of body.events) lastSeq = Math.max(lastSeq, e.seq);
        update(body);
      } else if (body.ack || body.error) {
        answered(awaiting.shift(), body);
      }
    };
    socket.onclose = (event) => {
      awaiting.length = 0;
      if (event.code === 4403) { status(event.reason || "This link does not work."); return; }
      // Only a network that has never let a WebSocket through here gets long polling; a
      // dropped signal or a restarting server is waited out.
      if (!opened && !everOpened && ++failures >= 2) { polling = true; poll(); return; }
      status("Reconnecting…");
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 8000);
    };
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-cast]");
    if (button && view) {
      const vote = view.votes[view.votes.length - 1];
      const id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
      const ballot = { vote: vote.number, cast: button.dataset.cast, ballot_id: id };
      saveQueue(queued().concat([ballot]));
      $("mine").textContent = "Sending your vote: " + button.dataset.cast + "…";
      for (const b of document.querySelectorAll(".choices button")) b.disabled = true;
      send("cast", ballot);
    }
    if (event.target.id === "close-vote") send("close_vote");
    if (event.target.id === "all-present") send("roll_call_all", { presence: "present" });
    if (event.target.id === "end-silence") send("end_silence");
    if (event.target.id === "next-speaker") send("next_speaker");
    if (event.target.id === "end-session" && confirm("End the session? No vote can be taken after.")) {
      send("end_session");
    }
    if (event.target.id === "break-silence") send("break_silence");
  });

  function formData(form) { return Object.fromEntries(new FormData(form).entries()); }
  const bind = (id, handler) => { const f = $(id); if (f) f.addEventListener("submit", (e) => { e.preventDefault(); handler(f); }); };
  bind("open-vote", (f) => {
    const data = formData(f);
    delete data.party;
    data.parties = Array.from(f.querySelectorAll("input[name=party]:checked")).map((c) => c.value);
    send("open_vote", data);
  });
  bind("speaking-time", (f) => send("speaking_time",
    { seconds: Math.round(parseFloat(formData(f).minutes || "0") * 60) }));
  bind("roll-call", (f) => send("roll_call", formData(f)));
  bind("correct", (f) => {
    const data = formData(f);
    data.vote = parseInt(data.vote, 10);
    send("correct", data);
  });
  bind("reissue", async (f) => {
    const seat = formData(f).seat;
    const response = await fetch(api + "/delegations/" + encodeURIComponent(seat) + "/reissue",
      { method: "POST", headers: auth });
    const body = await response.json();
    $("new-link").textContent = response.ok
      ? "New link for " + seat + ": " + body.link : body.error;
    const figure = $("new-qr");
    figure.hidden = !response.ok;
    if (response.ok) {
      figure.innerHTML = '<div aria-hidden="true">' + body.qr_svg + "</div>";
      const caption = document.createElement("figcaption");
      caption.textContent = "New link for " + seat;
      figure.appendChild(caption);
    }
  });
  bind("add-speaker", (f) => send("add_speaker", formData(f)));
  bind("statement", (f) => send("propose_statement", formData(f)));
  bind("joint", (f) => send("joint_statement", {
    text: formData(f).text,
    signatories: Array.from(f.querySelectorAll("input[type=checkbox]:checked")).map((c) => c.value),
  }));

  // The view first, then the stream from where the view stands: a late screen does not
  // ask for the whole log.
  refresh().finally(() => {
    if (view) lastSeq = view.last_seq;
    connect();
  });
})();
