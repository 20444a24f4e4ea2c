extension Canvas {
    /// The rows that differ from the frame on the screen, in order; nil when everything must be
    /// drawn (no frame yet, or one of another size). The terminal layer sends only these rows.
    public func rowsChanged(since previous: Canvas?) -> [Int]? {
        guard let previous, previous.width == width, previous.height == height else { return nil }
        return (0..<height).filter { row in
            let start = row * width
            return previous.cells[start..<(start + width)] != cells[start..<(start + width)]
        }
    }
}
