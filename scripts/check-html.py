#!/usr/bin/env python3
"""Strict check of an HTML report: tags balanced (void elements aside), an SVG emotion curve present,
no scripts, no network resources, and the given texts present only as escaped text.
Usage: scripts/check-html.py REPORT.html [--text 'must appear as text, not markup'...]"""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags, self.text = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and "://" in value:
                self.problems.append(f"network resource in <{tag} {name}={value!r}>")
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name} on <{tag}>")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1] if self.stack else ("nothing", (0, 0))
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes <{open_tag[0]}> from line {open_tag[1][0]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def main():
    path, texts = sys.argv[1], []
    args = sys.argv[2:]
    while args:
        if args[0] == "--text" and len(args) > 1:
            texts.append(args[1])
            args = args[2:]
        else:
            sys.exit(f"unknown argument {args[0]}")
    checker = Checker()
    checker.feed(open(path, encoding="utf-8").read())
    checker.close()
    problems = checker.problems + [f"<{tag}> from line {pos[0]} never closed" for tag, pos in checker.stack]
    if "svg" not in checker.tags:
        problems.append("no <svg> emotion curve")
    if "script" in checker.tags:
        problems.append("a <script> element")
    alltext = "".join(checker.text)
    for text in texts:
        if text not in alltext:
            problems.append(f"text {text!r} is not present as escaped text")
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    print(f"{path}: {'ok' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
