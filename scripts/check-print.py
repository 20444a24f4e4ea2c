#!/usr/bin/env python3
"""Prints an HTML report to PDF with headless Chromium (Debian package `chromium`) and checks it the
way a reader holding the paper would: every page is A4, no word runs off a page, and the given texts
are all there (compared without spaces and line breaks, as the page may wrap them anywhere).
Word positions come from pdftotext -bbox (Debian package `poppler-utils`).

Usage: scripts/check-print.py REPORT.html [--text 'must be printed'...] [--max-pages N] [--pdf OUT.pdf]
Exit status: 0 printed and checked, 1 a problem, 77 skipped (what is missing is printed)."""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

A4 = (595.3, 841.9)  # points
SKIP = 77


def skip(reason):
    print(f"skipped: {reason}")
    sys.exit(SKIP)


def printed(text, words):
    """Whether the text (spaces aside) is made of printed words in page order. Table cells are read
    row by row, so a text wrapped inside a cell is interleaved with its neighbours: words that do
    not continue the text are passed over."""
    whole = "".join(text.split())
    for start, word in enumerate(words):
        if not word or not (whole.startswith(word) or word.startswith(whole)):
            continue
        rest = whole[len(word):]
        for word in words[start + 1:]:
            if not rest:
                break
            if word.startswith(rest):
                rest = ""
            elif word and rest.startswith(word):
                rest = rest[len(word):]
        if not rest:
            return True
    return False


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    report, texts, max_pages, keep = args[0], [], None, None
    args = args[1:]
    while args:
        if args[0] == "--text" and len(args) > 1:
            texts.append(args[1])
        elif args[0] == "--max-pages" and len(args) > 1:
            max_pages = int(args[1])
        elif args[0] == "--pdf" and len(args) > 1:
            keep = args[1]
        else:
            sys.exit(f"unknown argument {args[0]}")
        args = args[2:]
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        skip("needs chromium to print (apt-get install -y chromium)")
    if not shutil.which("pdftotext"):
        skip("needs pdftotext to read the printed pages (apt-get install -y poppler-utils)")

    with tempfile.TemporaryDirectory() as work:
        pdf = keep or os.path.join(work, "report.pdf")
        result = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work}/profile",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + os.path.realpath(report)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if result.returncode != 0 or not os.path.exists(pdf):
            print(result.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
            print(f"{report}: chromium could not print it (exit {result.returncode})")
            return 1
        boxes = subprocess.run(["pdftotext", "-bbox", pdf, "-"], stdout=subprocess.PIPE, check=True).stdout.decode()

    problems = []
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    if not pages:
        problems.append("the PDF has no pages")
    words = []
    for number, (width, height, body) in enumerate(pages, 1):
        width, height = float(width), float(height)
        if abs(width - A4[0]) > 2 or abs(height - A4[1]) > 2:
            problems.append(f"page {number} is {width:.0f} x {height:.0f} pt, not A4 ({A4[0]:.0f} x {A4[1]:.0f})")
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', body):
            word = html.unescape(word)
            words.append(word)
            if float(x0) < -0.5 or float(y0) < -0.5 or float(x1) > width + 0.5 or float(y1) > height + 0.5:
                problems.append(f"page {number}: {word!r} runs off the page (x {float(x0):.0f}–{float(x1):.0f} of {width:.0f})")
    if max_pages is not None and len(pages) > max_pages:
        problems.append(f"{len(pages)} pages, more than {max_pages}")
    for text in texts:
        if not printed(text, words):
            problems.append(f"text {text!r} is not on the printed pages (cut off?)")
    for problem in problems:
        print(f"{report}: {problem}", file=sys.stderr)
    print(f"{report}: {len(pages)} A4 pages, {'ok' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
