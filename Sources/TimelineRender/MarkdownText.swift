/// Escaping of corpus text for GitHub-flavoured Markdown.
enum MarkdownText {
    /// `text` as inline Markdown that renders as exactly that text and can never change the layout or
    /// inject HTML: cleaned to one line (newlines collapse to spaces, control characters are dropped), `&`
    /// `<` `>` as entities (so `<script>` and `<!--` are plain text), Markdown specials backslash-escaped, a
    /// leading `#`, `-`, `+` or `1.` escaped, and URL schemes and `www.` broken so GFM does not autolink.
    ///
    /// Works on UTF-8 bytes, not characters: a combining mark after `*` or `[` must not hide it, and every
    /// character with a meaning is ASCII.
    static func inline(_ text: String) -> String {
        var line = CorpusText.line(text)
        return line.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for i in 0..<bytes.count {
                let c = bytes[i]
                switch c {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x3A where endsWithScheme(bytes, before: i): out.append(contentsOf: [0x5C, 0x3A])
                case 0x2E where endsWithWWW(bytes, before: i) || (i > 0 && isLeadingNumber(bytes, before: i)):
                    out.append(contentsOf: [0x5C, 0x2E])
                default:
                    if c < 0x80, specials[Int(c)] || (i == 0 && leadingSpecials[Int(c)]) { out.append(0x5C) }
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Always backslash-escaped: inline syntax of CommonMark and GFM (emphasis, links, images, code, tables,
    /// strikethrough, math) plus `\` itself. A table indexed by ASCII byte.
    private static let specials: [Bool] = asciiTable("\\`*_[]()!|~$")
    /// Escaped only at the start of the text, the one place where they have a meaning (a heading, a list
    /// item, a nested list): escaping every hyphen would make plain text hard to read for no gain.
    private static let leadingSpecials: [Bool] = asciiTable("#-+=")

    private static func asciiTable(_ members: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for byte in members.utf8 { table[Int(byte)] = true }
        return table
    }

    /// Whether `bytes[..<index]` ends with a URL scheme name that GFM or a browser would act on.
    private static func endsWithScheme(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var start = index
        while start > 0, isSchemeByte(bytes[start - 1]) { start -= 1 }
        guard start < index else { return false }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).lowercased()
        let word = name.split(whereSeparator: { $0 == "+" || $0 == "." || $0 == "-" }).last.map(String.init) ?? name
        return schemes.contains(word) || schemes.contains(name)
    }

    private static let schemes: Set<String> = [
        "http", "https", "ftp", "mailto", "javascript", "vbscript", "data", "file", "xmpp",
    ]

    private static func isSchemeByte(_ a: UInt8) -> Bool {
        (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39) || a == 0x2B || a == 0x2D
            || a == 0x2E
    }

    /// Whether `bytes[..<index]` ends with `www` (GFM autolinks `www.example.com`) that does not continue a
    /// word.
    private static func endsWithWWW(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        guard index >= 3 else { return false }
        for k in (index - 3)..<index where bytes[k] | 0x20 != 0x77 { return false }
        if index == 3 { return true }
        var start = index - 4
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }  // back to the scalar's first byte
        let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 3)]), as: UTF8.self)
        guard let scalar = before.unicodeScalars.first else { return true }
        return !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// Whether `bytes[..<index]` is only digits (an ordered-list marker `1.` at the start of the text).
    private static func isLeadingNumber(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        index <= 9 && bytes[0..<index].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
