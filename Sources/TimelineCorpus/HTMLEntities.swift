/// Character references of HTML: the named ones documents commonly use, and numeric ones.
enum HTMLEntities {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "sbquo": "\u{201A}", "bdquo": "\u{201E}", "copy": "\u{A9}",
        "reg": "\u{AE}", "trade": "\u{2122}", "laquo": "\u{AB}", "raquo": "\u{BB}", "middot": "\u{B7}",
        "bull": "\u{2022}", "deg": "\u{B0}", "times": "\u{D7}", "divide": "\u{F7}", "euro": "\u{20AC}",
        "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "sect": "\u{A7}", "para": "\u{B6}", "shy": "\u{AD}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "prime": "\u{2032}", "Prime": "\u{2033}", "plusmn": "\u{B1}", "frac12": "\u{BD}", "frac14": "\u{BC}",
        "frac34": "\u{BE}", "iexcl": "\u{A1}", "iquest": "\u{BF}", "eacute": "\u{E9}", "egrave": "\u{E8}",
        "aacute": "\u{E1}", "agrave": "\u{E0}", "oacute": "\u{F3}", "uuml": "\u{FC}", "ouml": "\u{F6}",
        "auml": "\u{E4}", "ccedil": "\u{E7}", "ntilde": "\u{F1}", "szlig": "\u{DF}",
    ]

    /// Names a browser accepts without the closing `;`.
    static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// Decodes the reference starting at `s[start] == "&"`: the scalar and the index after the reference,
    /// or nil when this `&` starts no known reference (it is then literal text).
    static func decode(_ s: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "#" {
            i += 1
            var hex = false
            if i < s.count, s[i] == "x" || s[i] == "X" { hex = true; i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < s.count, i - digitsStart < 8 {
                let c = s[i].value
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = c - 0x30 }
                else if hex, c >= 0x61 && c <= 0x66 { d = c - 0x61 + 10 }
                else if hex, c >= 0x41 && c <= 0x46 { d = c - 0x41 + 10 }
                else { break }
                value = value * (hex ? 16 : 10) + d
                i += 1
            }
            guard i > digitsStart else { return nil }
            if i < s.count, s[i] == ";" { i += 1 }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", i)
        }
        var name = ""
        while i < s.count, i - start <= 10, DateStringParser.isASCIILetter(s[i]) || DateStringParser.digitValue(s[i]) != nil {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        guard let scalar = named[name] else { return nil }
        if i < s.count, s[i] == ";" { return (scalar, i + 1) }
        guard legacy.contains(name), i >= s.count || s[i] != "=" else { return nil }
        return (scalar, i)
    }

    /// Decodes every reference in an attribute value.
    static func decodeAll(_ s: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&", let (c, next) = decode(s, at: i) {
                out.append(c)
                i = next
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }
}
