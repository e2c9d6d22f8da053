#include "runtime/chan.h"

#include <algorithm>

namespace gofast::rt {

const char* chanStatusMessage(ChanStatus s) {
  switch (s) {
    case ChanStatus::Ok: return "";
    case ChanStatus::Blocked: return "";
    case ChanStatus::WouldBlock: return "";
    case ChanStatus::PanicSendOnClosed: return "send on closed channel";      // chan.go:207
    case ChanStatus::PanicCloseOfClosed: return "close of closed channel";    // chan.go:364
    case ChanStatus::PanicCloseOfNil: return "close of nil channel";          // chan.go:357
    case ChanStatus::PanicSizeOutOfRange: return "makechan: size out of range";  // chan.go:99
    case ChanStatus::OutOfMemory: return "runtime: out of memory";
  }
  return "";
}

// ---- waitq ------------------------------------------------------------------------------------------------
void waitq::enqueue(sudog* s) {
  s->next = nullptr;
  s->prev = last;
  if (last) last->next = s; else first = s;
  last = s;
}

void waitq::remove(sudog* s) {
  if (s->prev) s->prev->next = s->next; else if (first == s) first = s->next; else return;
  if (s->next) s->next->prev = s->prev; else last = s->prev;
  s->next = s->prev = nullptr;
}

sudog* waitq::dequeue() {
  for (;;) {
    sudog* s = first;
    if (!s) return nullptr;
    remove(s);
    // A select whose other case already won (chan.go:807): skip its sudog.
    if (s->isSelect) {
      if (s->gp->selectDone) continue;
      s->gp->selectDone = true;
    }
    return s;
  }
}

// ---- makechan ---------------------------------------------------------------------------------------------
hchan* ChanTable::makechan(uint64_t elemsize, int64_t size, const GcType* elemType, ChanStatus* st, mcache* mc) {
  GOFAST_RT_ASSERT(elemsize < maxElemSize, "makechan: invalid channel element type");
  *st = ChanStatus::Ok;
  const uint64_t limit = (uint64_t{1} << 40);  // maxAlloc - hchanSize is far larger; the heap limit decides
  if (size < 0 || (elemsize != 0 && static_cast<uint64_t>(size) > limit / elemsize)) {
    *st = ChanStatus::PanicSizeOutOfRange;
    return nullptr;
  }
  const uint64_t mem = elemsize * static_cast<uint64_t>(size);
  // hchan's pointer words: buf (word 2) and elemtype (word 4).
  static const uint8_t kHchanPtrMask[] = {0x14};
  static const GcType kHchanType{hchanSize, 40, kHchanPtrMask};
  mheap& h = s_.heap();
  auto c = std::make_unique<hchan>();
  const bool noscan = !elemType || elemType->ptrdata == 0;
  if (mem == 0) {
    AllocResult r = h.mallocgc(hchanSize, &kHchanType, true, mc);
    if (!r.ok()) { *st = ChanStatus::OutOfMemory; return nullptr; }
    c->addr = r.p;
    c->buf = r.p + kHchanBuf;  // c.raceaddr(): unused, points into the hchan
  } else if (noscan) {
    AllocResult r = h.mallocgc(hchanSize + mem, nullptr, true, mc);  // one allocation (chan.go:104)
    if (!r.ok()) { *st = ChanStatus::OutOfMemory; return nullptr; }
    c->addr = r.p;
    c->buf = r.p + hchanSize;
  } else {
    AllocResult r = h.mallocgc(hchanSize, &kHchanType, true, mc);
    if (!r.ok()) { *st = ChanStatus::OutOfMemory; return nullptr; }
    c->addr = r.p;
    // The hchan is reachable from nowhere yet: keep it alive across the buffer's allocation (which
    // may collect first); the VM reports `allocating` as a root (Go holds c in a register).
    allocating = r.p;
    AllocResult b = h.mallocgc(mem, elemType, true, mc);
    allocating = 0;
    if (!b.ok()) { *st = ChanStatus::OutOfMemory; return nullptr; }
    c->buf = b.p;
  }
  c->elemsize = static_cast<uint16_t>(elemsize);
  c->dataqsiz = static_cast<uint64_t>(size);
  hchan* out = c.get();
  chans_[out->addr] = std::move(c);
  LookupSlot& slot = lookupCache_[(out->addr >> 4) & (kLookupCacheSize - 1)];
  slot.addr = out->addr;
  slot.c = out;
  syncHeader(out);
  return out;
}

hchan* ChanTable::lookup(Addr v) const {
  // Every channel operation looks its channel up: a small direct-mapped cache in front of the map
  // (entries are never erased; makechan refreshes the slot of an address it reuses).
  LookupSlot& slot = lookupCache_[(v >> 4) & (kLookupCacheSize - 1)];
  if (slot.addr == v && v != 0) return slot.c;
  auto it = chans_.find(v);
  if (it == chans_.end()) return nullptr;
  slot.addr = v;
  slot.c = it->second.get();
  return slot.c;
}

void ChanTable::syncHeader(const hchan* c) {
  AddressSpace& as = s_.addrSpace();
  as.writeU64(c->addr + kHchanDataqsiz, c->dataqsiz);
  as.writeU64(c->addr + kHchanBuf, c->buf);
  as.writeU16(c->addr + kHchanElemsize, c->elemsize);
  syncState(c);
}

// The fields a channel operation can change (dataqsiz, buf and elemsize are fixed by makechan).
void ChanTable::syncState(const hchan* c) {
  AddressSpace& as = s_.addrSpace();
  as.writeU64(c->addr + kHchanQcount, c->qcount);
  as.writeU32(c->addr + kHchanClosed, c->closed ? 1 : 0);
  as.writeU64(c->addr + kHchanSendx, c->sendx);
  as.writeU64(c->addr + kHchanRecvx, c->recvx);
}

// Elements of up to 64 bytes (almost all of them) are copied a word at a time through the address
// space's TLB fast path (load/store) instead of its general memmove; all words are read before any is
// written, so overlapping ranges behave as memmove.
void ChanTable::copyElem(Addr dst, Addr src, uint64_t n) {
  if (n == 0 || dst == 0 || src == 0) return;
  AddressSpace& as = s_.addrSpace();
  if (n <= 64) {
    uint64_t words[8];
    uint8_t tail[8];
    const uint64_t nw = n / 8, nt = n % 8;
    Fault f{};
    for (uint64_t i = 0; i < nw && !f; i++) f = as.readU64(src + 8 * i, words[i]);
    for (uint64_t i = 0; i < nt && !f; i++) f = as.readU8(src + 8 * nw + i, tail[i]);
    for (uint64_t i = 0; i < nw && !f; i++) f = as.writeU64(dst + 8 * i, words[i]);
    for (uint64_t i = 0; i < nt && !f; i++) f = as.writeU8(dst + 8 * nw + i, tail[i]);
    GOFAST_RT_ASSERT(!f, "chan: element copy faulted (bad element address from the VM)");
    return;
  }
  const Fault f = as.memmove(dst, src, n);
  GOFAST_RT_ASSERT(!f, "chan: element copy faulted (bad element address from the VM)");
}

void ChanTable::zeroElem(Addr dst, uint64_t n) {
  if (n == 0 || dst == 0) return;
  AddressSpace& as = s_.addrSpace();
  if (n <= 64) {
    Fault f{};
    uint64_t i = 0;
    for (; i + 8 <= n && !f; i += 8) f = as.writeU64(dst + i, 0);
    for (; i < n && !f; i++) f = as.writeU8(dst + i, 0);
    GOFAST_RT_ASSERT(!f, "chan: element clear faulted");
    return;
  }
  const Fault f = as.zero(dst, n);
  GOFAST_RT_ASSERT(!f, "chan: element clear faulted");
}

// ---- send / recv ------------------------------------------------------------------------------------------
// chan.go:295 send: hand ep to a waiting receiver directly and ready it.
void ChanTable::send(m* mp, hchan* c, sudog* sg, Addr ep) {
  copyElem(sg->elem, ep, c->elemsize);  // sendDirect onto the receiver's stack
  g* gp = sg->gp;
  sg->success = true;
  gp->param = sg;
  s_.goready(mp, gp);
}

// chan.go:615 recv: from a waiting sender (unbuffered: directly; full buffer: take the head, put the
// sender's value at the tail).
void ChanTable::recv(m* mp, hchan* c, sudog* sg, Addr ep) {
  if (c->dataqsiz == 0) {
    copyElem(ep, sg->elem, c->elemsize);
  } else {
    const Addr qp = chanbuf(c, c->recvx);
    copyElem(ep, qp, c->elemsize);
    copyElem(qp, sg->elem, c->elemsize);
    c->recvx++;
    if (c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  g* gp = sg->gp;
  sg->success = true;
  gp->param = sg;
  s_.goready(mp, gp);
}

ChanResult ChanTable::park(m* mp, hchan* c, Addr ep, bool isSend, waitReason r) {
  g* gp = mp->curg;
  sudog* sg = s_.acquireSudog();
  sg->gp = gp;
  sg->elem = ep;
  sg->c = c;
  sg->isSend = isSend;
  gp->waiting = sg;
  gp->param = nullptr;
  (isSend ? c->sendq : c->recvq).enqueue(sg);
  gp->activeStackChans = true;
  s_.gopark(mp, r);
  return {ChanStatus::Blocked, false, -1};
}

ChanResult ChanTable::chansend(m* mp, hchan* c, Addr ep, bool block) {
  if (!c) {
    if (!block) return {ChanStatus::WouldBlock, false, -1};
    s_.gopark(mp, waitReason::waitReasonChanSendNilChan);  // forever
    return {ChanStatus::Blocked, false, -1};
  }
  const bool full = c->dataqsiz == 0 ? c->recvq.empty() : c->qcount == c->dataqsiz;
  if (!block && !c->closed && full) return {ChanStatus::WouldBlock, false, -1};
  if (c->closed) return {ChanStatus::PanicSendOnClosed, false, -1};
  if (sudog* sg = c->recvq.dequeue()) {
    send(mp, c, sg, ep);
    return {ChanStatus::Ok, false, -1};
  }
  if (c->qcount < c->dataqsiz) {
    copyElem(chanbuf(c, c->sendx), ep, c->elemsize);
    c->sendx++;
    if (c->sendx == c->dataqsiz) c->sendx = 0;
    c->qcount++;
    syncState(c);
    return {ChanStatus::Ok, false, -1};
  }
  if (!block) return {ChanStatus::WouldBlock, false, -1};
  return park(mp, c, ep, true, waitReason::waitReasonChanSend);
}

ChanResult ChanTable::chanrecv(m* mp, hchan* c, Addr ep, bool block) {
  if (!c) {
    if (!block) return {ChanStatus::WouldBlock, false, -1};
    s_.gopark(mp, waitReason::waitReasonChanReceiveNilChan);  // forever
    return {ChanStatus::Blocked, false, -1};
  }
  const bool empty = c->dataqsiz == 0 ? c->sendq.empty() : c->qcount == 0;
  if (!block && empty) {
    if (!c->closed) return {ChanStatus::WouldBlock, false, -1};
    zeroElem(ep, c->elemsize);
    return {ChanStatus::Ok, false, -1};
  }
  if (c->closed) {
    if (c->qcount == 0) {
      zeroElem(ep, c->elemsize);
      return {ChanStatus::Ok, false, -1};
    }
  } else if (sudog* sg = c->sendq.dequeue()) {
    recv(mp, c, sg, ep);
    if (c->dataqsiz != 0) syncState(c);  // an unbuffered channel's mirrored fields do not change
    return {ChanStatus::Ok, true, -1};
  }
  if (c->qcount > 0) {
    const Addr qp = chanbuf(c, c->recvx);
    copyElem(ep, qp, c->elemsize);
    zeroElem(qp, c->elemsize);
    c->recvx++;
    if (c->recvx == c->dataqsiz) c->recvx = 0;
    c->qcount--;
    syncState(c);
    return {ChanStatus::Ok, true, -1};
  }
  if (!block) return {ChanStatus::WouldBlock, false, -1};
  return park(mp, c, ep, false, waitReason::waitReasonChanReceive);
}

// chan.go:355: wake every receiver (zero value, ok=false) and every sender (which will panic).
ChanResult ChanTable::closechan(m* mp, hchan* c) {
  if (!c) return {ChanStatus::PanicCloseOfNil, false, -1};
  if (c->closed) return {ChanStatus::PanicCloseOfClosed, false, -1};
  c->closed = true;
  std::vector<g*> glist;  // Go's gList is LIFO: the last one released is readied first
  while (sudog* sg = c->recvq.dequeue()) {
    zeroElem(sg->elem, c->elemsize);
    sg->elem = 0;
    sg->success = false;
    sg->gp->param = sg;
    glist.push_back(sg->gp);
  }
  while (sudog* sg = c->sendq.dequeue()) {
    sg->elem = 0;
    sg->success = false;
    sg->gp->param = sg;
    glist.push_back(sg->gp);
  }
  syncState(c);
  for (auto it = glist.rbegin(); it != glist.rend(); ++it) s_.goready(mp, *it);
  return {ChanStatus::Ok, false, -1};
}

// ---- select -------------------------------------------------------------------------------------------------
ChanResult ChanTable::selectgo(m* mp, const scase* cases, int ncases, bool block) {
  if (ncases == 0) {
    if (!block) return {ChanStatus::Ok, false, -1};
    s_.gopark(mp, waitReason::waitReasonSelectNoCases);  // select {}: block forever
    return {ChanStatus::Blocked, false, -1};
  }
  // Poll order: a random permutation of the non-nil cases (select.go:166-177).
  std::vector<int> pollorder;
  for (int i = 0; i < ncases; i++) {
    if (!cases[i].c) continue;
    const uint32_t j = mp->fastrand.fastrandn(static_cast<uint32_t>(pollorder.size() + 1));
    pollorder.push_back(i);  // pollorder[norder] = pollorder[j]; pollorder[j] = i
    std::swap(pollorder[j], pollorder.back());
  }
  // Lock order: by channel address (select.go:185-224 heap-sorts by hchan address). Single-threaded,
  // it only decides the order sudogs are enqueued in pass 2.
  std::vector<int> lockorder = pollorder;
  std::stable_sort(lockorder.begin(), lockorder.end(),
                   [&](int a, int b) { return cases[a].c->addr < cases[b].c->addr; });
  // Pass 1: look for something already waiting.
  for (int i : pollorder) {
    const scase& cas = cases[i];
    hchan* c = cas.c;
    if (cas.isSend) {
      if (c->closed) return {ChanStatus::PanicSendOnClosed, false, i};
      if (sudog* sg = c->recvq.dequeue()) {
        send(mp, c, sg, cas.elem);
        return {ChanStatus::Ok, false, i};
      }
      if (c->qcount < c->dataqsiz) {
        ChanResult r = chansend(mp, c, cas.elem, false);
        r.selected = i;
        return r;
      }
    } else {
      if (sudog* sg = c->sendq.dequeue()) {
        recv(mp, c, sg, cas.elem);
        if (c->dataqsiz != 0) syncState(c);
        return {ChanStatus::Ok, true, i};
      }
      if (c->qcount > 0 || c->closed) {
        ChanResult r = chanrecv(mp, c, cas.elem, false);
        r.selected = i;
        return r;
      }
    }
  }
  if (!block) return {ChanStatus::Ok, false, -1};
  // Pass 2: enqueue on every channel, then park.
  g* gp = mp->curg;
  gp->waiting = nullptr;
  gp->param = nullptr;
  gp->selectDone = false;
  sudog** tail = &gp->waiting;
  for (int i : lockorder) {
    const scase& cas = cases[i];
    sudog* sg = s_.acquireSudog();
    sg->gp = gp;
    sg->isSelect = true;
    sg->elem = cas.elem;
    sg->c = cas.c;
    sg->caseIndex = i;
    sg->isSend = cas.isSend;
    *tail = sg;
    tail = &sg->waitlink;
    (cas.isSend ? cas.c->sendq : cas.c->recvq).enqueue(sg);
  }
  gp->activeStackChans = true;
  s_.gopark(mp, waitReason::waitReasonSelect);
  return {ChanStatus::Blocked, false, -1};
}

ChanResult ChanTable::parkResult(g* gp) {
  sudog* fired = gp->param;
  ChanResult r;
  GOFAST_RT_ASSERT(gp->waiting != nullptr, "parkResult: G is not parked on a channel");
  if (gp->waiting->isSelect) {
    // Pass 3 (select.go:440): dequeue from the channels that did not fire.
    for (sudog* sg = gp->waiting; sg;) {
      sudog* nx = sg->waitlink;
      if (sg != fired) (sg->isSend ? sg->c->sendq : sg->c->recvq).remove(sg);
      sg = nx;
    }
    GOFAST_RT_ASSERT(fired != nullptr, "selectgo: woken without a case");
    r.selected = fired->caseIndex;
    if (fired->isSend) {
      r.status = fired->success ? ChanStatus::Ok : ChanStatus::PanicSendOnClosed;
    } else {
      r.received = fired->success;
    }
    for (sudog* sg = gp->waiting; sg;) {
      sudog* nx = sg->waitlink;
      s_.releaseSudog(sg);
      sg = nx;
    }
    gp->selectDone = false;
  } else {
    sudog* sg = gp->waiting;
    GOFAST_RT_ASSERT(fired == sg, "chan: woken by a different sudog");
    if (sg->isSend) {
      r.status = sg->success ? ChanStatus::Ok : ChanStatus::PanicSendOnClosed;
    } else {
      r.received = sg->success;
    }
    s_.releaseSudog(sg);
  }
  gp->waiting = nullptr;
  gp->param = nullptr;
  gp->activeStackChans = false;
  return r;
}

}  // namespace gofast::rt
