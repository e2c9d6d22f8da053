#include "runtime/sema.h"

#include <algorithm>
#include <string>

namespace gofast::rt {

SemaTable::Pending& SemaTable::pending(const g* gp) {
  GOFAST_RT_ASSERT(gp && gp->handle != 0, "sema: no current G");
  if (pending_.size() < gp->handle) pending_.resize(gp->handle);
  return pending_[gp->handle - 1];
}

bool SemaTable::inSemacquire(const g* gp) const {
  return gp && gp->handle != 0 && gp->handle <= pending_.size() && pending_[gp->handle - 1].s != nullptr;
}

uint32_t SemaTable::readCount(Addr addr) const {
  uint32_t v = 0;
  if (!s_.addrSpace().readU32(addr, v).ok()) return 0;
  return v;
}

// sema.go:223: single host thread, so the load + CAS is a load and a store.
bool SemaTable::cansemacquire(Addr addr) {
  AddressSpace& as = s_.addrSpace();
  uint32_t v = 0;
  GOFAST_RT_ASSERT(as.readU32(addr, v).ok(), "cansemacquire: semaphore address not mapped");
  if (v == 0) return false;
  GOFAST_RT_ASSERT(as.writeU32(addr, v - 1).ok(), "cansemacquire: semaphore address not writable");
  return true;
}

// ---- acquire ----------------------------------------------------------------------------------------------
SemaStatus SemaTable::semacquire1(m* mp, Addr addr, bool lifo) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "semacquire not on the G stack");
  GOFAST_RT_ASSERT(!inSemacquire(gp), "semacquire1: G already waits on a semaphore");
  // Easy case (sema.go:111).
  if (cansemacquire(addr)) return SemaStatus::Acquired;
  // Harder case: a sudog for the whole wait (sema.go:124), kept across parks.
  Pending& pd = pending(gp);
  pd.s = s_.acquireSudog();
  pd.s->ticket = 0;
  pd.s->acquiretime = 0;
  pd.addr = addr;
  pd.lifo = lifo;
  return park(mp, pd);
}

// One turn of semacquire1's loop (sema.go:139-154) up to the gopark.
SemaStatus SemaTable::park(m* mp, Pending& pd) {
  semaRoot& root = rootFor(pd.addr);
  // Add ourselves to nwait to disable the "easy case" in semrelease, then check again so that a
  // release between the first check and now is not missed.
  root.nwait++;
  if (cansemacquire(pd.addr)) {
    root.nwait--;
    s_.releaseSudog(pd.s);
    pd = Pending{};
    return SemaStatus::Acquired;
  }
  queue(mp, root, pd.addr, pd.s, pd.lifo);
  s_.gopark(mp, waitReason::waitReasonSemacquire);  // goparkunlock(..., traceEvGoBlockSync)
  return SemaStatus::Blocked;
}

SemaStatus SemaTable::semacquireResume(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "semacquireResume: G not running");
  GOFAST_RT_ASSERT(inSemacquire(gp), "semacquireResume: G is not in semacquire");
  Pending& pd = pending(gp);
  GOFAST_RT_ASSERT(pd.s->elem == 0 && pd.s->parent == nullptr, "semacquireResume: sudog still queued");
  // sema.go:151: handed the unit by semrelease (ticket), or a unit is free now.
  if (pd.s->ticket != 0 || cansemacquire(pd.addr)) {
    s_.releaseSudog(pd.s);
    pd = Pending{};
    return SemaStatus::Acquired;
  }
  // Somebody else took the unit between our wakeup and now: wait again (same lifo flag: Go's loop
  // reuses its argument).
  pd.s->ticket = 0;
  return park(mp, pd);
}

// ---- release ----------------------------------------------------------------------------------------------
bool SemaTable::semrelease1(m* mp, Addr addr, bool handoff) {
  AddressSpace& as = s_.addrSpace();
  semaRoot& root = rootFor(addr);
  uint32_t v = 0;
  GOFAST_RT_ASSERT(as.readU32(addr, v).ok(), "semrelease: semaphore address not mapped");
  GOFAST_RT_ASSERT(as.writeU32(addr, v + 1).ok(), "semrelease: semaphore address not writable");
  // Easy case: no sleepers on this root (sema.go:172).
  if (root.nwait == 0) return false;
  sudog* s = dequeue(root, addr);
  if (!s) return false;  // sleepers of this root wait on other addresses
  root.nwait--;
  GOFAST_RT_ASSERT(s->ticket == 0, "corrupted semaphore ticket");
  if (handoff && cansemacquire(addr)) s->ticket = 1;
  s_.goready(mp, s->gp);  // readyWithTime: into mp's P's runnext
  if (s->ticket == 1) {
    // Direct G handoff (sema.go:201-218): the waiter is in runnext; yield so that it runs now and
    // inherits the time slice; goyield puts us on the local runq, not the global one.
    s_.goyield(mp);
    return true;
  }
  return false;
}

// ---- treap --------------------------------------------------------------------------------------------------
void SemaTable::queue(m* mp, semaRoot& root, Addr addr, sudog* s, bool lifo) {
  s->gp = mp->curg;
  s->elem = addr;
  s->next = nullptr;
  s->prev = nullptr;
  s->acquiretime = s_.nanotime();
  sudog* last = nullptr;
  sudog** pt = &root.treap;
  for (sudog* t = *pt; t != nullptr; t = *pt) {
    if (t->elem == addr) {
      // Already have addr in the tree.
      if (lifo) {
        // s takes t's place in the tree and t becomes the first of s's wait list.
        *pt = s;
        s->ticket = t->ticket;
        s->acquiretime = t->acquiretime;
        s->parent = t->parent;
        s->prev = t->prev;
        s->next = t->next;
        if (s->prev) s->prev->parent = s;
        if (s->next) s->next->parent = s;
        s->waitlink = t;
        s->waittail = t->waittail;
        if (!s->waittail) s->waittail = t;
        t->parent = nullptr;
        t->prev = nullptr;
        t->next = nullptr;
        t->waittail = nullptr;
      } else {
        // At the end of t's wait list.
        if (!t->waittail) t->waitlink = s; else t->waittail->waitlink = s;
        t->waittail = s;
        s->waitlink = nullptr;
      }
      return;
    }
    last = t;
    pt = addr < t->elem ? &t->prev : &t->next;
  }
  // A new leaf for a new address; its random priority (the low bit set because ticket is compared
  // with zero elsewhere) rotates it up until the heap order holds: parent.ticket <= child.ticket.
  s->ticket = mp->fastrand.fastrand() | 1;
  s->parent = last;
  *pt = s;
  while (s->parent && s->parent->ticket > s->ticket) {
    if (s->parent->prev == s) {
      rotateRight(root, s->parent);
    } else {
      GOFAST_RT_ASSERT(s->parent->next == s, "semaRoot queue");
      rotateLeft(root, s->parent);
    }
  }
}

sudog* SemaTable::dequeue(semaRoot& root, Addr addr) {
  sudog** ps = &root.treap;
  sudog* s = *ps;
  for (; s != nullptr; s = *ps) {
    if (s->elem == addr) break;
    ps = addr < s->elem ? &s->prev : &s->next;
  }
  if (!s) return nullptr;
  if (sudog* t = s->waitlink) {
    // The next sleeper on addr takes s's place in the tree.
    *ps = t;
    t->ticket = s->ticket;
    t->parent = s->parent;
    t->prev = s->prev;
    if (t->prev) t->prev->parent = t;
    t->next = s->next;
    if (t->next) t->next->parent = t;
    t->waittail = t->waitlink ? s->waittail : nullptr;
    s->waitlink = nullptr;
    s->waittail = nullptr;
  } else {
    // Rotate s down to a leaf, respecting the priorities, and cut it off.
    while (s->next || s->prev) {
      if (!s->next || (s->prev && s->prev->ticket < s->next->ticket)) {
        rotateRight(root, s);
      } else {
        rotateLeft(root, s);
      }
    }
    if (s->parent) {
      if (s->parent->prev == s) s->parent->prev = nullptr; else s->parent->next = nullptr;
    } else {
      root.treap = nullptr;
    }
  }
  s->parent = nullptr;
  s->elem = 0;
  s->next = nullptr;
  s->prev = nullptr;
  s->ticket = 0;
  return s;
}

// (x a (y b c)) -> (y (x a b) c)
void SemaTable::rotateLeft(semaRoot& root, sudog* x) {
  sudog* pp = x->parent;
  sudog* y = x->next;
  sudog* b = y->prev;
  y->prev = x;
  x->parent = y;
  x->next = b;
  if (b) b->parent = x;
  y->parent = pp;
  if (!pp) {
    root.treap = y;
  } else if (pp->prev == x) {
    pp->prev = y;
  } else {
    GOFAST_RT_ASSERT(pp->next == x, "semaRoot rotateLeft");
    pp->next = y;
  }
}

// (y (x a b) c) -> (x a (y b c))
void SemaTable::rotateRight(semaRoot& root, sudog* y) {
  sudog* pp = y->parent;
  sudog* x = y->prev;
  sudog* b = x->next;
  x->next = y;
  y->parent = x;
  y->prev = b;
  if (b) b->parent = y;
  x->parent = pp;
  if (!pp) {
    root.treap = x;
  } else if (pp->prev == y) {
    pp->prev = x;
  } else {
    GOFAST_RT_ASSERT(pp->next == y, "semaRoot rotateRight");
    pp->next = x;
  }
}

// ---- inspection -----------------------------------------------------------------------------------------------
std::vector<g*> SemaTable::waiters(Addr addr) const {
  std::vector<g*> out;
  const sudog* s = table_[rootIndex(addr)].treap;
  while (s && s->elem != addr) s = addr < s->elem ? s->prev : s->next;
  for (; s; s = s->waitlink) out.push_back(s->gp);
  return out;
}

uint32_t SemaTable::totalWaiters() const {
  uint32_t n = 0;
  for (const semaRoot& r : table_) n += r.nwait;
  return n;
}

namespace {
uint32_t heightOf(const sudog* s) {
  if (!s) return 0;
  return 1 + std::max(heightOf(s->prev), heightOf(s->next));
}
}  // namespace

uint32_t SemaTable::treapHeight(uint32_t i) const { return heightOf(table_[i].treap); }

std::string SemaTable::checkInvariants() const {
  for (uint32_t i = 0; i < semTabSize; i++) {
    const semaRoot& r = table_[i];
    uint32_t count = 0;
    std::string err;
    // Iterative walk with explicit bounds (lo, hi) for the BST property.
    struct Item {
      const sudog* s;
      const sudog* parent;
      Addr lo, hi;
    };
    std::vector<Item> stack;
    if (r.treap) stack.push_back({r.treap, nullptr, 0, ~Addr{0}});
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      const sudog* s = it.s;
      if (s->parent != it.parent) return "semaRoot " + std::to_string(i) + ": bad parent link";
      if (s->elem < it.lo || s->elem > it.hi) return "semaRoot " + std::to_string(i) + ": not ordered by address";
      if (rootIndex(s->elem) != i) return "semaRoot " + std::to_string(i) + ": address in the wrong root";
      if ((s->ticket & 1) == 0) return "semaRoot " + std::to_string(i) + ": ticket without the low bit";
      if (it.parent && it.parent->ticket > s->ticket) return "semaRoot " + std::to_string(i) + ": heap order broken";
      const sudog* tail = nullptr;
      for (const sudog* w = s; w; w = w->waitlink) {
        count++;
        if (w->gp == nullptr || w->gp->atomicstatus != _Gwaiting) return "semaRoot " + std::to_string(i) + ": sleeper not waiting";
        if (w != s && w->elem != s->elem) return "semaRoot " + std::to_string(i) + ": wait list mixes addresses";
        tail = w;
      }
      if (s->waitlink && s->waittail != tail) return "semaRoot " + std::to_string(i) + ": bad waittail";
      if (s->prev) stack.push_back({s->prev, s, it.lo, s->elem - 1});
      if (s->next) stack.push_back({s->next, s, s->elem + 1, it.hi});
    }
    if (count != r.nwait) return "semaRoot " + std::to_string(i) + ": nwait " + std::to_string(r.nwait) +
                                 " but " + std::to_string(count) + " sleepers";
  }
  return "";
}

}  // namespace gofast::rt
