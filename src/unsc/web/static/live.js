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

  function tick() {
    const box = $("speaking");
    if (!speaking) { box.textContent = ""; return; }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(speaking.since)) / 1000));
    box.textContent = "Speaking: " + speaking.name + " — " + Math.floor(seconds / 60) + ":" +
      String(seconds % 60).padStart(2, "0");
  }
  setInterval(tick, 1000);

  const $ = (id) => document.getElementById(id);
  const status = (text) => { $("status").textContent = text; };
  const queued = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
  const saveQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

  async function refresh() {
    const response = await fetch(api, { headers: auth });
    if (!response.ok) { status((await response.json()).error || "This link does not work."); return; }
    const fresh = await response.json();
    if (view && fresh.last_seq < view.last_seq) return;  // an older answer, overtaken
    view = fresh;
    render();
  }

  function render() {
    if (view.ended) status("The session has ended; its votes are in the record (as a simulation).");
    const vote = view.votes[view.votes.length - 1];
    const names = Object.fromEntries(view.members.map((m) => [m.key, m.name]));
    $("council").textContent = "The Council of " + view.date + ": " + view.members.length +
      " members, " + view.threshold + " votes needed" +
      (view.president ? "; President: " + view.president : "") + ".";
    if (role === "delegation" && view.you.seat) $("seat-name").textContent = names[view.you.seat];
    if (vote) {
      $("vote-title").textContent = "Vote " + vote.number + ": " + vote.title + " (" + vote.kind + ")";
      $("line").textContent = vote.line + (vote.closed ? " — closed" : " — open") +
        " · in favour " + vote.tally.yes + ", against " + vote.tally.no + ", abstaining " + vote.tally.abstain;
      $("veto").textContent = vote.permanent_no.length && vote.kind !== "procedural"
        ? "Negative vote of a permanent member: " + vote.permanent_no.join(", ") : "";
      $("outcome").textContent = vote.decision ? vote.decision.explanation +
        (vote.decision.vetoed_by.length ? " Veto: " + vote.decision.vetoed_by.join(", ") + "." : "") : "";
    }
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
      const voted = open && (vote.voted.includes(view.you.seat) || pending);
      for (const b of document.querySelectorAll(".choices button")) b.disabled = !open || voted;
      $("question").textContent = open ? "Vote " + vote.number + ": " + vote.title : "No vote is open.";
      if (open && voted) $("mine").textContent = "Your vote is recorded.";
      else if (!open) $("mine").textContent = "";
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
    if (role === "chair") {
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

  function send(command, data) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ command: command, data: data || {} }));
      awaiting.push({ command: command, ballot: data && data.ballot_id });
      return true;
    }
    return false;
  }

  function flushQueue() {
    for (const ballot of queued()) send("cast", ballot);
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + api + "/ws?token=" +
      encodeURIComponent(token) + "&since=" + lastSeq);
    socket.onopen = () => { backoff = 500; status("Connected."); flushQueue(); refresh(); };
    socket.onmessage = (message) => {
      const body = JSON.parse(message.data);
      if (body.events) {
        for (const e of body.events) lastSeq = Math.max(lastSeq, e.seq);
        refresh();
      } else if (body.ack || body.error) {
        const sent = awaiting.shift();
        // A ballot leaves the device's queue once answered: accepted (or recognised as a
        // retry), or refused for good. A passing failure keeps it for the next connection.
        const final = body.ack || /absent|already voted|no vote is open|is closed|already used/
          .test(body.error || "");
        if (sent && sent.ballot && final) {
          saveQueue(queued().filter((b) => b.ballot_id !== sent.ballot));
        }
        if (body.error) status(body.error);
      }
    };
    socket.onclose = (event) => {
      awaiting.length = 0;
      if (event.code === 4403) { status(event.reason || "This link does not work."); return; }
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
    if (event.target.id === "end-silence") send("end_silence");
    if (event.target.id === "next-speaker") send("next_speaker");
    if (event.target.id === "end-session" && confirm("End the session? No vote can be taken after.")) {
      send("end_session");
    }
    if (event.target.id === "break-silence") send("break_silence");
  });

  function formData(form) { return Object.fromEntries(new FormData(form).entries()); }
  const bind = (id, handler) => { const f = $(id); if (f) f.addEventListener("submit", (e) => { e.preventDefault(); handler(f); }); };
  bind("open-vote", (f) => send("open_vote", formData(f)));
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
      ? "New link for " + seat + ": " + location.origin + body.url : body.error;
  });
  bind("add-speaker", (f) => send("add_speaker", formData(f)));
  bind("statement", (f) => send("propose_statement", formData(f)));
  bind("joint", (f) => send("joint_statement", {
    text: formData(f).text,
    signatories: Array.from(f.querySelectorAll("input[type=checkbox]:checked")).map((c) => c.value),
  }));

  connect();
})();
