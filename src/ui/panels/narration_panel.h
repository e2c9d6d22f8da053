// Narration panel: a chapter's text (assets/chapters/<id>.md) in a readable column. The markup is a
// small subset of Markdown: "# " headings, "- " bullets (continued by indented lines), paragraphs
// separated by blank lines; `code` spans are shown as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ui/panels/panel.h"

namespace gofast::ui {

class NarrationPanel : public Panel {
 public:
  const char* title() const override { return "The idea"; }
  void setText(std::string_view markdown);

  struct Block {
    enum class Kind : unsigned char { Heading, Paragraph, Bullet } kind = Kind::Paragraph;
    std::string text;
  };
  const std::vector<Block>& blocks() const { return blocks_; }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  std::vector<Block> blocks_;
};

}  // namespace gofast::ui
