// History: the run as a timeline you can move along in both directions (SPEC F5, P7; issue #7).
//
// The VM is deterministic: the same program, options and seed always execute the same instructions
// in the same order (DESIGN rule 7), and Machine::advance stops at a canonical state for every
// instruction count. So a *position* (instructions executed) names exactly one state of the run,
// and any state can be recomputed by replaying from an earlier one. History keeps:
//  * the live machine, at position();
//  * checkpoints: deep copies (Machine::clone) taken every interval() instructions on the way
//    forward. Going back clones the nearest checkpoint at or before the target and replays the
//    rest, so a step back costs at most one interval of replay whatever the run's length;
//  * the output (stdout, stderr) once, at its longest: checkpoints keep only its length and get the
//    prefix back when restored (the scheduler trace is shared by all clones, see trace.h);
//  * every timeline event seen so far (goroutine switches, stack growths, GCs, the exit) with its
//    position, so "back to the previous switch" is a lookup and a seek.
// Memory is bounded: when the checkpoints' host bytes pass the budget, every other one is dropped
// and the interval doubles (positions stay multiples of the interval); the interval also grows with
// the machine's footprint so that copying a checkpoint stays cheap next to executing an interval.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/vm.h"

namespace gofast::api {

struct HistoryConfig {
  uint64_t minInterval = 1 << 16;             // instructions between checkpoints, at least
  uint64_t budgetBytes = uint64_t{192} << 20;  // checkpoints' host memory (SPEC P7: history <= 256 MB)
};

struct HistoryStats {
  size_t checkpoints = 0;
  uint64_t checkpointBytes = 0;  // host bytes held by checkpoints (footprintBytes of each)
  uint64_t logBytes = 0;         // the kept trace and output
  uint64_t interval = 0;
  uint64_t replayed = 0;         // instructions re-executed by seeks so far
};

class History {
 public:
  History(std::unique_ptr<rt::Machine> start, const HistoryConfig& cfg = {});
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  rt::Machine& machine() { return *live_; }
  const rt::Machine& machine() const { return *live_; }
  uint64_t position() const { return live_->steps(); }
  bool finished() const { return live_->finished(); }
  // The furthest position reached so far, and whether the run's end is known.
  uint64_t furthest() const { return furthest_; }
  bool endKnown() const { return endKnown_; }

  // Runs forward up to `steps` instructions, stopping early at an event in stopMask (bits of
  // 1 << rt::Machine::MachineEvent::Kind). Returns false once the run has ended.
  bool forward(uint64_t steps, uint32_t stopMask = 0);
  // Moves to position pos exactly (clamped to the run's end). Returns the position reached.
  uint64_t seek(uint64_t pos);

  // Every event seen so far, in timeline order.
  const std::vector<rt::Machine::MachineEvent>& events() const { return events_; }
  HistoryStats stats() const;

 private:
  struct Checkpoint {
    uint64_t pos = 0;
    std::unique_ptr<rt::Machine> m;  // clone(false): output empty
    uint64_t bytes = 0;
  };
  // New events and log tails of the live machine into the kept copies; true if one of the new events
  // is of a kind in stopMask.
  bool absorb(uint32_t stopMask);
  void checkpoint();
  void thin();

  HistoryConfig cfg_;
  std::unique_ptr<rt::Machine> live_;
  std::vector<Checkpoint> cps_;  // by position
  std::string out_, err_;
  std::vector<rt::Machine::MachineEvent> events_;
  uint64_t furthest_ = 0;
  bool endKnown_ = false;
  uint64_t endPos_ = 0;
  uint64_t interval_ = 0;
  uint64_t cpBytes_ = 0;
  uint64_t replayed_ = 0;
};

}  // namespace gofast::api
