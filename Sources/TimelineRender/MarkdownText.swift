/// Escaping of corpus text for GitHub-flavoured Markdown.
enum MarkdownText {
    /// Characters that are always backslash-escaped: inline syntax of CommonMark and GFM (emphasis, links,
    /// images, code, tables, strikethrough, math) plus `\` itself.
    private static let specials: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "!", "|", "~", "$",
    ]

    /// Characters escaped only at the start of the text, the one place where they have a meaning (a heading,
    /// a list item, a nested list): escaping every hyphen would make plain text hard to read for no gain.
    private static let leadingSpecials: Set<Unicode.Scalar> = ["#", "-", "+", "="]

    /// `text` as inline Markdown that renders as exactly that text and can never change the layout or
    /// inject HTML: cleaned to one line (newlines collapse to spaces, control characters are dropped), `&`
    /// `<` `>` as entities (so `<script>` and `<!--` are plain text), Markdown specials backslash-escaped, a
    /// leading `#`, `-`, `+` or `1.` escaped, and URL schemes and `www.` broken so GFM does not autolink.
    ///
    /// Works on Unicode scalars, not characters: a combining mark after `*` or `[` must not hide it.
    static func inline(_ text: String) -> String {
        let chars = Array(CorpusText.line(text).unicodeScalars)
        var out = String.UnicodeScalarView()
        func add(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        for (i, c) in chars.enumerated() {
            switch c {
            case "&": add("&amp;")
            case "<": add("&lt;")
            case ">": add("&gt;")
            case ":" where endsWithScheme(chars, before: i): add("\\:")
            case "." where endsWithWWW(chars, before: i): add("\\.")
            case "." where i > 0 && isLeadingNumber(chars, before: i): add("\\.")
            default:
                if specials.contains(c) || (i == 0 && leadingSpecials.contains(c)) { out.append("\\") }
                out.append(c)
            }
        }
        return String(out)
    }

    /// Whether `chars[..<index]` ends with a URL scheme name that GFM or a browser would act on.
    private static func endsWithScheme(_ chars: [Unicode.Scalar], before index: Int) -> Bool {
        var start = index
        while start > 0, chars[start - 1].isASCII, isSchemeByte(UInt8(chars[start - 1].value)) { start -= 1 }
        guard start < index else { return false }
        let name = String(String.UnicodeScalarView(chars[start..<index])).lowercased()
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

    /// Whether `chars[..<index]` ends with `www` (GFM autolinks `www.example.com`).
    private static func endsWithWWW(_ chars: [Unicode.Scalar], before index: Int) -> Bool {
        guard index >= 3 else { return false }
        let w = String(String.UnicodeScalarView(chars[(index - 3)..<index])).lowercased()
        guard w == "www" else { return false }
        if index == 3 { return true }
        let before = chars[index - 4].properties
        return !(before.isAlphabetic || before.numericType != nil)
    }

    /// Whether `chars[..<index]` is only digits (an ordered-list marker `1.` at the start of the text).
    private static func isLeadingNumber(_ chars: [Unicode.Scalar], before index: Int) -> Bool {
        index <= 9 && chars[0..<index].allSatisfy { ("0"..."9").contains($0) }
    }
}
