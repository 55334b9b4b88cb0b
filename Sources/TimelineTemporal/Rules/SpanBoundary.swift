/// The test a candidate span passes before it is kept: it must not be glued to an identifier, an amount or a
/// URL (`$2000`, `2019-nCoV`, `S-400`, `26%`, digits inside `6459a746-e11e-4340-…` or `https://…/2019/…`).
struct SpanBoundary {
    let v: TokenView
    let ids: TaggingRun.SpecialIDs

    /// Whether the tokens `[s, e)` stand apart from what surrounds them.
    func accepts(_ s: Int, _ e: Int, latin: Bool) -> Bool {
        let n = v.count
        let first = v.toks[s]
        var glued = false
        func isCurrency(_ id: Int32) -> Bool { id >= 0 && ids.currency[Int(id)] }
        func isJoiner(_ id: Int32) -> Bool { id >= 0 && ids.joiner[Int(id)] }
        if s > 0, !first.spaceBefore {
            glued = true
            let prev = v.toks[s - 1]
            if prev.isAlphanumeric { return false }
            if latin && prev.kind == .han { return false }
            if isCurrency(prev.id) { return false }
            // Only ASCII joiners glue: the full-width comma of Chinese text separates.
            if isJoiner(prev.id), v.startsASCII(s - 1), s >= 2, !prev.spaceBefore, v.toks[s - 2].isAlphanumeric {
                if prev.id != ids.comma || v.toks[s - 2].kind == .number { return false }
            }
        }
        if e < n, !v.toks[e].spaceBefore {
            glued = true
            let next = v.toks[e]
            if next.isAlphanumeric { return false }
            if latin && next.kind == .han { return false }
            if next.id >= 0 && (next.id == ids.percent || next.id == ids.permille) { return false }
            if isJoiner(next.id), v.startsASCII(e), e + 1 < n, !v.toks[e + 1].spaceBefore, v.toks[e + 1].isAlphanumeric {
                let after = v.toks[e + 1]
                let k = next.id
                if k == ids.dash || k == ids.slash || k == ids.underscore || k == ids.plus || k == ids.at { return false }
                if after.kind == .number { return false }  // 2019.5, 2019:12, 2,000
            }
        }
        if glued && inURL(Int(v.toks[s].bStart), Int(v.toks[e - 1].bEnd)) { return false }
        return true
    }

    /// Whether the whitespace-delimited chunk around bytes `[a, b)` looks like a URL or an e-mail address
    /// (looking at most 400 scalars either side).
    private func inURL(_ a: Int, _ b: Int) -> Bool {
        let p = v.text
        // Back to the chunk's start.
        var lo = a, steps = 0
        while lo > 0, steps < 400 {
            var j = lo - 1
            while j > 0, p[j] & 0xC0 == 0x80 { j -= 1 }
            if Tokenizer.isSpace(ByteScanner.decode(p, j).0) { break }
            lo = j
            steps += 1
        }
        // Forward to the chunk's end (at most 400 scalars past `b`), looking for `@`, `://` or a leading `www.`.
        var prev2: Unicode.Scalar = " ", prev1: Unicode.Scalar = " "
        var i = lo, k = 0
        steps = 0
        while i < p.count {
            if i >= b {
                if steps == 400 { break }
                steps += 1
            }
            let (c, l) = ByteScanner.decode(p, i)
            if i >= b && Tokenizer.isSpace(c) { break }
            if c == "@" { return true }
            if c == "/" && prev1 == "/" && prev2 == ":" { return true }
            if c == "." && k == 3 && prev1 == "w" && prev2 == "w" { return true }
            prev2 = prev1; prev1 = c
            i += l
            k += 1
        }
        return false
    }
}
