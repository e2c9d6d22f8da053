#include "ui/panels/code_panel.h"

#include <map>

#include <cctype>

namespace gofast::ui {

ImU32 noteColour(api::NoteKind k, bool dark) {
  switch (k) {
    case api::NoteKind::CanInline:
    case api::NoteKind::InlinedCall: return dark ? IM_COL32(86, 156, 214, 255) : IM_COL32(25, 95, 170, 255);
    case api::NoteKind::CannotInline: return dark ? IM_COL32(150, 150, 160, 255) : IM_COL32(105, 105, 115, 255);
    case api::NoteKind::MovedToHeap:
    case api::NoteKind::EscapesToHeap: return dark ? IM_COL32(236, 140, 70, 255) : IM_COL32(190, 85, 10, 255);
    case api::NoteKind::LeakingParam: return dark ? IM_COL32(220, 180, 80, 255) : IM_COL32(150, 110, 0, 255);
    case api::NoteKind::DoesNotEscape: return dark ? IM_COL32(110, 200, 120, 255) : IM_COL32(30, 130, 50, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

std::string notePillText(const api::Note& n) {
  switch (n.kind) {
    case api::NoteKind::CanInline:
      return n.cost >= 0 ? "can inline: cost " + std::to_string(n.cost) + " of 80" : "can inline";
    case api::NoteKind::CannotInline: {
      std::string reason = n.text.substr(n.text.find(':') + 2);
      return "cannot inline: " + reason;
    }
    case api::NoteKind::InlinedCall: return "inlined: " + n.subject;
    case api::NoteKind::MovedToHeap: return n.text;  // "moved to heap: x"
    case api::NoteKind::EscapesToHeap: return "heap: " + n.subject;
    case api::NoteKind::DoesNotEscape: return "stack: " + n.subject;
    case api::NoteKind::LeakingParam: return n.text;
  }
  return n.text;
}

namespace {

bool wanted(const CodePanel::Filter& f, api::NoteKind k) {
  switch (k) {
    case api::NoteKind::CanInline:
    case api::NoteKind::CannotInline:
    case api::NoteKind::InlinedCall: return f.inlining;
    default: return f.escapes;
  }
}

// Parses "... at ./main.go:7:9" at the end of a -m=2 flow line.
bool flowPos(const std::string& line, Pos* p) {
  size_t at = line.rfind(" at ");
  if (at == std::string::npos) return false;
  size_t c2 = line.rfind(':');
  if (c2 == std::string::npos || c2 < at) return false;
  size_t c1 = line.rfind(':', c2 - 1);
  if (c1 == std::string::npos || c1 < at) return false;
  p->line = std::atoi(line.c_str() + c1 + 1);
  p->col = std::atoi(line.c_str() + c2 + 1);
  return p->line > 0 && p->col > 0;
}

}  // namespace

void CodePanel::show(const api::Session& s, bool dark) {
  session_ = &s;
  selected_ = -1;
  annotate(s, dark);
}

void CodePanel::annotate(const api::Session& s, bool dark) {
  std::vector<InlineNote> notes;
  const auto& all = s.notes();
  for (size_t i = 0; i < all.size(); i++) {
    if (!wanted(filter_, all[i].kind)) continue;
    ImU32 c = noteColour(all[i].kind, dark);
    if (selected_ >= 0 && static_cast<size_t>(selected_) != i) c = (c & 0x00FFFFFF) | (150u << 24);
    notes.push_back(InlineNote{all[i].pos.line, notePillText(all[i]), c, static_cast<int>(i)});
  }
  editor_.setNotes(std::move(notes));

  std::vector<Underline> lines;
  ImU32 red = dark ? IM_COL32(255, 100, 100, 255) : IM_COL32(200, 30, 30, 255);
  for (const Diagnostic& d : s.diagnostics()) {
    if (d.pos.line <= 0) continue;
    const std::string& text = editor_.line(d.pos.line);
    int c0 = d.pos.col > 0 ? d.pos.col : 1;
    int c1 = c0;
    while (c1 - 1 < static_cast<int>(text.size()) &&
           (std::isalnum(static_cast<unsigned char>(text[static_cast<size_t>(c1 - 1)])) || text[static_cast<size_t>(c1 - 1)] == '_'))
      c1++;
    if (c1 == c0) c1 = c0 + 1;
    lines.push_back(Underline{d.pos.line, c0, c1, red, d.msg, true});
  }
  editor_.setUnderlines(std::move(lines));

  std::vector<FlowArrow> arrows;
  std::vector<LineMarker> markers;
  if (selected_ >= 0 && static_cast<size_t>(selected_) < all.size()) {
    const api::Note& n = all[static_cast<size_t>(selected_)];
    markers.push_back(LineMarker{n.pos.line, noteColour(n.kind, dark), ">"});
    Pos from = n.pos;
    for (const std::string& w : s.why(n)) {
      Pos to;
      if (!flowPos(w, &to) || to == from) continue;
      arrows.push_back(FlowArrow{from.line, from.col, to.line, to.col, noteColour(n.kind, dark)});
      from = to;
    }
  }
  editor_.setArrows(std::move(arrows));
  noteMarkers_ = std::move(markers);
  std::vector<LineMarker> shown = noteMarkers_;
  shown.insert(shown.end(), runMarkers_.begin(), runMarkers_.end());
  editor_.setLineMarkers(std::move(shown));
}

void CodePanel::setRunLines(const api::Snapshot* snap, bool dark) {
  const uint64_t at = snap == nullptr || (!snap->running && !snap->finished) ? ~uint64_t{0} : snap->position;
  if (at == runMarkersAt_) return;
  runMarkersAt_ = at;
  runMarkers_.clear();
  if (snap != nullptr && at != ~uint64_t{0} && !snap->finished) {
    const ImU32 cur = dark ? IM_COL32(255, 214, 90, 255) : IM_COL32(190, 120, 0, 255);
    const ImU32 other = dark ? IM_COL32(140, 170, 220, 255) : IM_COL32(60, 90, 160, 255);
    // One marker per line: the current goroutine's, else the first goroutine there, with how many
    // more share the line (10,000 goroutines blocked on one line make one marker, not 10,000).
    std::map<int, std::pair<int64_t, int>> byLine;  // line -> (goid shown, goroutines there)
    for (const api::GoroutineView& g : snap->goroutines) {
      const int line = g.goid == snap->currentGoid && snap->currentLine > 0 ? snap->currentLine : g.line;
      if (line <= 0) continue;
      auto [it, fresh] = byLine.try_emplace(line, g.goid, 0);
      it->second.second++;
      if (g.goid == snap->currentGoid) it->second.first = g.goid;
    }
    for (const auto& [line, who] : byLine) {
      std::string label = "G" + std::to_string(who.first);
      if (who.second > 1) label += "+" + std::to_string(who.second - 1);
      runMarkers_.push_back(LineMarker{line, who.first == snap->currentGoid ? cur : other, label});
    }
  }
  std::vector<LineMarker> all = noteMarkers_;
  all.insert(all.end(), runMarkers_.begin(), runMarkers_.end());
  editor_.setLineMarkers(std::move(all));
  // Follow the goroutine that ran last, so a step shows its line.
  if (snap != nullptr && !snap->finished && snap->currentLine > 0 && snap->currentLine != followedLine_) {
    followedLine_ = snap->currentLine;
    editor_.scrollToLine(followedLine_);
  }
}

void CodePanel::selectNote(const api::Session& s, int index, bool dark) {
  session_ = &s;
  selected_ = index >= 0 && static_cast<size_t>(index) < s.notes().size() ? index : -1;
  if (selected_ >= 0) editor_.scrollToLine(s.notes()[static_cast<size_t>(selected_)].pos.line);
  annotate(s, dark);
}

bool CodePanel::takeSelectionChanged() {
  bool c = selectionChanged_;
  selectionChanged_ = false;
  return c;
}

void CodePanel::drawContent(const PanelFrame& frame) {
  editor_.draw("editor", frame.fonts != nullptr ? frame.fonts->mono : nullptr);
  for (const EditorEvent& e : editor_.takeEvents()) {
    if (e.kind != EditorEvent::Kind::NoteClicked || session_ == nullptr) continue;
    int idx = e.id == selected_ ? -1 : e.id;  // a second click deselects
    selectNote(*session_, idx, frame.dark);
    selectionChanged_ = true;
  }
}

}  // namespace gofast::ui
