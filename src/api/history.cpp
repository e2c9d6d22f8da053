#include "api/history.h"

#include <algorithm>

namespace gofast::api {

using Ev = rt::Machine::MachineEvent;

History::History(std::unique_ptr<rt::Machine> start, const HistoryConfig& cfg) : cfg_(cfg), live_(std::move(start)) {
  interval_ = std::max<uint64_t>(cfg_.minInterval, 1);
  // Position 0 in its canonical form (G1 created, the first poll done), then the first checkpoint.
  live_->advance(0, 0);
  absorb(0);
  checkpoint();
}

bool History::absorb(uint32_t stopMask) {
  bool hit = false;
  std::vector<Ev> evs = live_->takeEvents();
  const uint64_t seq0 = live_->eventsLogged() - evs.size();
  for (size_t i = 0; i < evs.size(); i++) {
    if ((stopMask >> evs[i].kind) & 1u) hit = true;
    if (seq0 + i == events_.size()) events_.push_back(evs[i]);
  }
  const rt::RunResult& r = live_->result();
  if (r.stdoutText.size() > out_.size()) out_.append(r.stdoutText, out_.size(), std::string::npos);
  if (r.stderrText.size() > err_.size()) err_.append(r.stderrText, err_.size(), std::string::npos);
  furthest_ = std::max(furthest_, position());
  if (live_->finished()) {
    endKnown_ = true;
    endPos_ = position();
  }
  return hit;
}

void History::checkpoint() {
  const uint64_t pos = position();
  auto it = std::lower_bound(cps_.begin(), cps_.end(), pos, [](const Checkpoint& c, uint64_t p) { return c.pos < p; });
  if (it != cps_.end() && it->pos == pos) return;
  Checkpoint c;
  c.pos = pos;
  c.m = live_->clone(false);
  c.bytes = c.m->footprintBytes();
  cpBytes_ += c.bytes;
  const uint64_t bytes = c.bytes;
  cps_.insert(it, std::move(c));
  // Copying a checkpoint should cost little next to executing an interval (about one host byte per
  // instruction), and all of them together stay within the budget.
  bool grew = false;
  while (interval_ < bytes) {
    interval_ *= 2;
    grew = true;
  }
  while (cpBytes_ > cfg_.budgetBytes && cps_.size() > 1) {
    interval_ *= 2;
    grew = true;
    const size_t before = cps_.size();
    thin();
    if (cps_.size() == before) break;
  }
  if (grew) thin();
}

void History::thin() {
  std::vector<Checkpoint> kept;
  for (Checkpoint& c : cps_) {
    if (c.pos == cps_.front().pos || c.pos % interval_ == 0)
      kept.push_back(std::move(c));
    else
      cpBytes_ -= c.bytes;
  }
  cps_ = std::move(kept);
}

bool History::forward(uint64_t steps, uint32_t stopMask) {
  const uint64_t target = steps > ~uint64_t{0} - position() ? ~uint64_t{0} : position() + steps;
  while (!live_->finished() && position() < target) {
    const uint64_t next = (position() / interval_ + 1) * interval_;
    const uint64_t until = std::min(target, next);
    const uint64_t before = position(), known = furthest_;
    live_->advance(until - position(), stopMask);
    replayed_ += std::min(position(), known) - std::min(before, known);
    const bool hit = absorb(stopMask);
    if (position() % interval_ == 0 && position() > 0) checkpoint();
    if (hit) break;
  }
  return !live_->finished();
}

uint64_t History::seek(uint64_t pos) {
  if (endKnown_ && pos > endPos_) pos = endPos_;
  if (pos == position()) return pos;
  auto it = std::upper_bound(cps_.begin(), cps_.end(), pos, [](uint64_t p, const Checkpoint& c) { return p < c.pos; });
  --it;  // cps_ always holds position 0
  if (!(position() <= pos && position() >= it->pos)) {
    live_ = it->m->clone(false);
    live_->restoreLogs(out_, err_);
  }
  forward(pos - position(), 0);
  return position();
}

HistoryStats History::stats() const {
  HistoryStats s;
  s.checkpoints = cps_.size();
  s.checkpointBytes = cpBytes_;
  s.logBytes = live_->scheduler().trace.capacityBytes() + out_.size() + err_.size() + events_.size() * sizeof(Ev);
  s.interval = interval_;
  s.replayed = replayed_;
  return s;
}

}  // namespace gofast::api
