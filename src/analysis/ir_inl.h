// Inline part of ir.h: child traversal in Go's DoChildren order (see ir/node_gen.go).
// Order for every op: init, x, y, z, list, body, rlist. With the field assignment documented in
// ir.h this reproduces Go's order (OIF: cond, then, else; OFOR: cond, post, body; ORANGE: X, Key,
// Value, Body; OINLCALL: init, body, result vars).
#pragma once

namespace gofast::analysis {

template <class F>
bool doChildren(Node* n, F&& f) {
  if (n == nullptr) return false;
  for (Node* c : n->init)
    if (c != nullptr && f(c)) return true;
  if (n->op == Op::ONAME || n->op == Op::OLITERAL || n->op == Op::ONIL || n->op == Op::OTYPE)
    return false;
  if (n->x != nullptr && f(n->x)) return true;
  if (n->y != nullptr && f(n->y)) return true;
  if (n->z != nullptr && f(n->z)) return true;
  for (Node* c : n->list)
    if (c != nullptr && f(c)) return true;
  for (Node* c : n->body)
    if (c != nullptr && f(c)) return true;
  for (Node* c : n->rlist)
    if (c != nullptr && f(c)) return true;
  return false;
}

// Replaces each child c by f(c) (Go's EditChildren), same order as doChildren.
template <class F>
void editChildren(Node* n, F&& f) {
  if (n == nullptr) return;
  for (Node*& c : n->init)
    if (c != nullptr) c = f(c);
  if (n->op == Op::ONAME || n->op == Op::OLITERAL || n->op == Op::ONIL || n->op == Op::OTYPE) return;
  if (n->x != nullptr) n->x = f(n->x);
  if (n->y != nullptr) n->y = f(n->y);
  if (n->z != nullptr) n->z = f(n->z);
  for (Node*& c : n->list)
    if (c != nullptr) c = f(c);
  for (Node*& c : n->body)
    if (c != nullptr) c = f(c);
  for (Node*& c : n->rlist)
    if (c != nullptr) c = f(c);
}

}  // namespace gofast::analysis
