#include "ui/panels/narration_panel.h"

namespace gofast::ui {

void NarrationPanel::setText(std::string_view mdIn) {
  blocks_.clear();
  // `code` and *emphasis* markers are dropped: the text reads the same without them.
  std::string plain;
  for (char ch : mdIn)
    if (ch != '`' && ch != '*') plain += ch;
  std::string_view md = plain;
  Block* cur = nullptr;
  size_t pos = 0;
  while (pos <= md.size()) {
    size_t end = md.find('\n', pos);
    if (end == std::string_view::npos) end = md.size();
    std::string_view line = md.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) {
      cur = nullptr;
      if (end == md.size()) break;
      continue;
    }
    if (line.substr(0, 2) == "# ") {
      blocks_.push_back(Block{Block::Kind::Heading, std::string(line.substr(2))});
      cur = nullptr;
    } else if (line.substr(0, 2) == "- ") {
      blocks_.push_back(Block{Block::Kind::Bullet, std::string(line.substr(2))});
      cur = &blocks_.back();
    } else if (cur != nullptr) {
      size_t i = line.find_first_not_of(' ');
      cur->text += ' ';
      cur->text += line.substr(i == std::string_view::npos ? 0 : i);
    } else {
      blocks_.push_back(Block{Block::Kind::Paragraph, std::string(line)});
      cur = &blocks_.back();
    }
    if (end == md.size()) break;
  }
}

void NarrationPanel::drawContent(const PanelFrame& frame) {
  ImGui::BeginChild("text", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0.0f);
  bool first = true;
  for (const Block& b : blocks_) {
    switch (b.kind) {
      case Block::Kind::Heading:
        if (!first) ImGui::Spacing();
        if (frame.fonts != nullptr && frame.fonts->heading != nullptr) ImGui::PushFont(frame.fonts->heading);
        ImGui::TextWrapped("%s", b.text.c_str());
        if (frame.fonts != nullptr && frame.fonts->heading != nullptr) ImGui::PopFont();
        break;
      case Block::Kind::Paragraph:
        ImGui::TextWrapped("%s", b.text.c_str());
        ImGui::Spacing();
        break;
      case Block::Kind::Bullet:
        ImGui::Bullet();
        ImGui::TextWrapped("%s", b.text.c_str());
        break;
    }
    first = false;
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace gofast::ui
