/// The tokens ``ByteScanner`` made of one text, in memory of their own: handed over as they were written,
/// never copied into an array.
struct TokenBuffer: ~Copyable {
    private let base: UnsafeMutablePointer<STok>?
    let count: Int

    /// Takes `count` tokens at `base` (allocated with `UnsafeMutablePointer.allocate`), freed with the buffer.
    init(taking base: UnsafeMutablePointer<STok>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// The tokens, valid while the buffer lives.
    var tokens: UnsafeBufferPointer<STok> { UnsafeBufferPointer(start: base, count: count) }

    deinit { base?.deallocate() }
}
