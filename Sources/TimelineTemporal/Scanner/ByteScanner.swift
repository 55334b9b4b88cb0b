/// A token found by ``ByteScanner``: the same tokens as ``Tokenizer`` makes, without a `String` each.
///
/// Offsets are Unicode scalar offsets (`start`, `end`) and UTF-8 byte offsets (`bStart`, `bEnd`) into the
/// text. The key (the lower-cased, folded text rules match) is `kLen` bytes at `kStart`: in the text itself
/// (ASCII tokens; upper-case letters read lower-cased) or, with the `arena` flag, in the run's key arena
/// (tokens with non-ASCII or folded characters).
struct STok {
    var start: UInt32
    var end: UInt32
    var bStart: UInt32
    var bEnd: UInt32
    var kStart: UInt32
    /// The key's ``Vocabulary`` id, -1 when no rule or word list mentions it.
    var id: Int32
    var kLen: UInt16
    var kind: Token.Kind
    var flags: UInt8

    static let space: UInt8 = 1, cap: UInt8 = 2, arena: UInt8 = 4

    @inline(__always) var spaceBefore: Bool { flags & STok.space != 0 }
    @inline(__always) var capitalized: Bool { flags & STok.cap != 0 }
    @inline(__always) var isAlphanumeric: Bool { kind == .word || kind == .number || kind == .mixed }
}

/// Splits UTF-8 text into ``STok``s in one pass over its bytes. ASCII letters and digits are read eight bytes
/// at a time (classified, lower-cased and hashed with word arithmetic), other ASCII bytes through a class
/// table; other scalars are decoded and classified exactly as ``Tokenizer`` does.
enum ByteScanner {
    /// 0 other, 1 space, 2 letter, 3 digit, for ASCII bytes.
    /// Made once and never written: read through a pointer, the scan needs no closure over its own state (a
    /// closure capturing the scan's variables boxed them, checked at run time on every call).
    nonisolated(unsafe) static let asciiClass: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for b in 0..<128 {
            var k: UInt8 = 0
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { k = 1 }
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { k = 2 }
            if b >= 0x30 && b <= 0x39 { k = 3 }
            table[b] = k
        }
        return UnsafePointer(table)
    }()

    static let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080

    /// 0x80 in each byte of `x` that lies strictly between `m` and `n` (`m` < 128, `n` ≤ 128), 0 in the others;
    /// bytes of 0x80 and over are never between (no carry crosses bytes).
    @inline(__always) static func between(_ x: UInt64, _ m: UInt64, _ n: UInt64) -> UInt64 {
        let low = x & (ones &* 127)
        return (ones &* (127 + n) &- low) & ~x & (low &+ ones &* (127 - m)) & high
    }

    /// The eight bytes at `i` as a little-endian integer; past the end, zero bytes.
    @inline(__always) static func chunk(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        if i + 8 <= n { return UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) }
        var x: UInt64 = 0
        var k = 0
        while i + k < n { x |= UInt64(base[i + k]) << UInt64(8 * k); k += 1 }
        return x
    }

    /// Decodes the scalar at `i` (the text is valid UTF-8: it comes from a Swift `String`).
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 >= 0xF0, i + 3 < n {
            let v = (b0 & 0x07) << 18 | (UInt32(p[i + 1]) & 0x3F) << 12 | (UInt32(p[i + 2]) & 0x3F) << 6 | (UInt32(p[i + 3]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        if b0 >= 0xE0, i + 2 < n {
            let v = (b0 & 0x0F) << 12 | (UInt32(p[i + 1]) & 0x3F) << 6 | (UInt32(p[i + 2]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        if b0 >= 0xC0, i + 1 < n {
            let v = (b0 & 0x1F) << 6 | (UInt32(p[i + 1]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        return ("\u{FFFD}", 1)
    }

    /// Tokenises `p` into `toks`, writing the keys of non-ASCII tokens to `arena`.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, vocab: Vocabulary, into toks: inout [STok], arena: inout [UInt8]) {
        let made = scan(p, vocab: vocab, arena: &arena)
        toks.append(contentsOf: made.tokens)
    }

    /// The tokens of `p`; the keys of non-ASCII tokens are written to `arena`.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, vocab: Vocabulary, arena: inout [UInt8]) -> TokenBuffer {
        let n = p.count
        guard n > 0, let base = p.baseAddress else { return TokenBuffer(taking: nil, count: 0) }
        // Tokens go to a buffer of our own (an `Array.append` a token is a call), handed over at the end.
        // Room for a token every three bytes, which English text rarely exceeds (growing copies every token made;
        // pages never written are never touched).
        var capacity = n / 3 + 16, count = 0
        var buf = UnsafeMutablePointer<STok>.allocate(capacity: capacity)
        @inline(__always) func push(_ t: STok) {
            if count == capacity {
                let bigger = UnsafeMutablePointer<STok>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: buf, count: count)
                buf.deallocate()
                buf = bigger
                capacity *= 2
            }
            (buf + count).initialize(to: t)
            count += 1
        }
        let punctIDs = vocab.asciiIDs
        let maxLen = vocab.maxLength
        do {
            let cls = ByteScanner.asciiClass
            var i = 0
            var sc: UInt32 = 0
            var space = true
            while i < n {
                let b = p[i]
                var c: Unicode.Scalar = "\0"
                var clen = 1
                var k: UInt8  // 1 space, 2 letter, 3 digit, 0 other, 4 han
                if b < 0x80 {
                    k = cls[Int(b)]
                } else {
                    (c, clen) = decode(p, i)
                    let f = Tokenizer.fold(c)
                    if Tokenizer.isSpace(f) { k = 1 } else {
                        switch Tokenizer.charClass(f) {
                        case .letter: k = 2
                        case .digit: k = 3
                        case .han: k = 4
                        case .other: k = 0
                        }
                    }
                }
                if k == 1 { space = true; i += clen; sc += 1; continue }
                if k == 2 || k == 3 {
                    // A run of letters and digits.
                    let bStart = i, start = sc
                    var sawLetter = false, sawDigit = false, ascii = true
                    var count = 0
                    var h = Vocabulary.seed
                    let cap: Bool = b < 0x80 ? (b &- 0x41 < 26) : c.properties.isUppercase
                    // ASCII letters and digits, the common case: eight bytes at a time. Each chunk is classified
                    // with word arithmetic, lower-cased and mixed into the key's hash (while the run is short
                    // enough to be a key: a megabyte of digits is only classified).
                    var seen: UInt64 = 0, head: UInt64 = 0
                    while true {
                        let x = chunk(base, i, n)
                        let letters = ByteScanner.between(x | ByteScanner.ones &* 0x20, 0x60, 0x7B)
                        let digits = ByteScanner.between(x, 0x2F, 0x3A)
                        let word = letters | digits
                        let run = (~word & ByteScanner.high).trailingZeroBitCount >> 3
                        if run == 0 { break }
                        let keep: UInt64 = run == 8 ? ~0 : (1 << UInt64(run * 8)) &- 1
                        seen |= (letters >> 7 | digits >> 6) & keep
                        if count <= maxLen {
                            // The first chunk is kept as it is (a short key is looked up by it); the hash of
                            // longer ones starts at the second.
                            let key = (x | word >> 2) & keep
                            if count == 0 { head = key } else {
                                h = Vocabulary.mix(count == 8 ? Vocabulary.mix(h, chunk: head) : h, chunk: key)
                            }
                        }
                        i += run
                        count += run
                        if run < 8 { break }
                    }
                    sawLetter = seen & ByteScanner.ones != 0
                    sawDigit = seen & (ByteScanner.ones << 1) != 0
                    // Anything else (a non-ASCII letter) goes on scalar by scalar.
                    while i < n, p[i] >= 0x80 || ascii == false {
                        let d = p[i]
                        if d < 0x80 {
                            let dk = cls[Int(d)]
                            if dk == 2 { sawLetter = true } else if dk == 3 { sawDigit = true } else { break }
                            i += 1
                        } else {
                            let (e, elen) = decode(p, i)
                            let kk = Tokenizer.charClass(Tokenizer.fold(e))
                            if kk == .letter { sawLetter = true } else if kk == .digit { sawDigit = true } else { break }
                            ascii = false
                            i += elen
                        }
                        count += 1
                    }
                    sc += UInt32(count)
                    let kind: Token.Kind = sawLetter && sawDigit ? .mixed : (sawDigit ? .number : .word)
                    var t = STok(start: start, end: sc, bStart: UInt32(bStart), bEnd: UInt32(i), kStart: UInt32(bStart),
                                 id: -1, kLen: UInt16(min(count, 64)), kind: kind,
                                 flags: (space ? STok.space : 0) | (cap ? STok.cap : 0))
                    if ascii {
                        if count <= 8 {
                            t.id = vocab.lookup(short: head)
                        } else if count <= maxLen {
                            t.id = vocab.lookup(base + bStart, count, hash: h, lower: true)
                        }
                    } else {
                        // Non-ASCII: the key exactly as Tokenizer builds it, kept in the arena.
                        var view = String.UnicodeScalarView()
                        var j = bStart, m = 0
                        while j < i && m < 64 {
                            let (e, elen) = decode(p, j)
                            view.append(Tokenizer.fold(e))
                            j += elen; m += 1
                        }
                        let key = String(view).lowercased()
                        t = withArenaKey(t, key, &arena, vocab)
                    }
                    push(t)
                } else {
                    // One punctuation or Han scalar.
                    let kind: Token.Kind = k == 4 ? .han : .punct
                    var t = STok(start: sc, end: sc + 1, bStart: UInt32(i), bEnd: UInt32(i + clen), kStart: UInt32(i),
                                 id: -1, kLen: 1, kind: kind, flags: space ? STok.space : 0)
                    if b < 0x80 {
                        t.id = punctIDs[Int(b)]
                    } else {
                        t = withArenaKey(t, String(Character(Tokenizer.fold(c))), &arena, vocab)
                    }
                    push(t)
                    i += clen
                    sc += 1
                }
                // The usual one space after a token, without another turn of the loop.
                if i < n, p[i] == 0x20 {
                    space = true
                    i += 1
                    sc += 1
                } else {
                    space = false
                }
            }
        }
        return TokenBuffer(taking: buf, count: count)
    }

    private static func withArenaKey(_ t: STok, _ key: String, _ arena: inout [UInt8], _ vocab: Vocabulary) -> STok {
        var t = t
        t.kStart = UInt32(arena.count)
        arena.append(contentsOf: key.utf8)
        t.kLen = UInt16(arena.count - Int(t.kStart))
        t.flags |= STok.arena
        t.id = vocab.id(of: key)
        return t
    }
}
