import Foundation

/// What one extraction computes at most once per document.
final class DocumentScratch {
    let s: [Unicode.Scalar]
    init(_ s: [Unicode.Scalar]) { self.s = s }
    /// The text with ASCII capitals lowered (offsets unchanged).
    lazy var lower: [Unicode.Scalar] = s.map(TextSearch.lower)
    /// The names ``NameFinder`` finds in the text, once computed.
    var names: [NameFinder.Name]?
    /// ``EventExtractor/mainActors(document:in:)``, once computed.
    var mainActors: [String]?
    /// ``EventExtractor/mainActors(document:in:statesOnly:)`` of states only, once computed.
    var mainStates: [String]?
    /// ``EventExtractor/backMatterStart(in:)`` once computed (nil: not yet; `.some(nil)`: the document has none).
    var backMatterStart: Int??
    /// Facts about lines (see ``line(from:to:)``), once computed.
    var headingLines: [Range<Int>: Bool] = [:]
    var navigationLines: [Range<Int>: Bool] = [:]
    /// Whether the line starting at an offset is a Markdown table row (``EventExtractor/isTableRow(_:in:scratch:)``).
    var tableRowStarts: [Int: Bool] = [:]
    /// Offsets of the line breaks of `s`.
    private lazy var breaks: [Int] = s.indices.filter { s[$0] == "\n" }
    var lineBreaks: [Int] { breaks }

    /// From the start of the line holding `start` to the line break at or after `end` (or the end of the text).
    func line(from start: Int, to end: Int) -> Range<Int> {
        // The first break at or after an offset, by binary search.
        func firstBreak(atOrAfter x: Int) -> Int {
            var lo = 0, hi = breaks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if breaks[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let k = firstBreak(atOrAfter: start)
        let lo = k == 0 ? 0 : breaks[k - 1] + 1
        let b = firstBreak(atOrAfter: end)
        let hi = b < breaks.count ? breaks[b] : s.count
        return min(lo, start)..<max(hi, end)
    }

    static func line(in s: [Unicode.Scalar], from start: Int, to end: Int) -> Range<Int> {
        var lo = start, hi = end
        while lo > 0, s[lo - 1] != "\n" { lo -= 1 }
        while hi < s.count, s[hi] != "\n" { hi += 1 }
        return lo..<hi
    }
}
