/// Links from rendered events to the corpus documents that state them.
enum DocumentLink {
    /// The link to document `id`: `linkBase` (verbatim) followed by the id, percent-encoded except for
    /// unreserved characters and `/`. A corpus-supplied id can therefore never carry a scheme
    /// (`javascript:` becomes `javascript%3A`), a query, a fragment, or quotes. Without a `linkBase` the
    /// link is relative and starts with `./`, so that even a naive reader cannot mistake it for a scheme.
    static func url(forDocument id: String, linkBase: String?) -> String {
        let path = percentEncodedPath(id)
        guard let linkBase else { return path.hasPrefix("/") ? "." + path : "./" + path }
        return linkBase + path
    }

    /// Percent-encodes `path` as UTF-8, keeping `A-Z a-z 0-9 - . _ ~` and `/`.
    static func percentEncodedPath(_ path: String) -> String {
        if path.utf8.allSatisfy(isKept) { return path }
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// Whether `byte` stands for itself in an encoded path.
    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    private static let hex = Array("0123456789ABCDEF".unicodeScalars)
}
