// Bytes to text: UTF-8 with a BOM stripped, invalid sequences replaced by U+FFFD.

/// Decodes a file's bytes as UTF-8, forgivingly.
enum ByteDecoder {
    struct Decoded {
        var text: String
        /// When the bytes were not valid UTF-8: how many invalid sequences and the byte offset of the first.
        var invalid: (count: Int, firstByteOffset: Int)?
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let body = bytes[start...]
        if let text = String(validating: body, as: UTF8.self) {
            return Decoded(text: text, invalid: nil)
        }
        var count = 0
        var first = -1
        var offset = start
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                offset += encoded.count
            case let .error(length):
                if first < 0 { first = offset }
                count += 1
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return Decoded(text: String(decoding: body, as: UTF8.self), invalid: (count, max(first, start)))
    }
}
