import TimelineModel

/// The four TIMEX3 types.
public enum TimexType: String, Sendable, Codable, CaseIterable {
    case date = "DATE", time = "TIME", duration = "DURATION", set = "SET"
}

/// A temporal expression found in a text.
public struct TimeExpression: Equatable, Sendable {
    /// `[start, end)` in Unicode scalar offsets into the tagged text.
    public var start: Int
    public var end: Int
    /// The expression as written.
    public var text: String
    public var type: TimexType
    /// The TIMEX3 value (`2019-06-05`, `196`, `P3Y`, `PRESENT_REF`, `XXXX-XX-XX` when unresolved).
    public var value: String
    /// The TIMEX3 modifier when any (`START`, `MID`, `END`, `EARLY`... `APPROX`, `BEFORE`, `AFTER`, `ON_OR_AFTER`).
    public var mod: String?
    /// The EDTF date a timeline places this expression at, when it denotes a placeable date or interval
    /// (`1969`, `196X`, `1971/1972`, `2000/2004~`, `2000/..`); `nil` for unresolved or non-placeable values.
    public var edtf: String?
    /// How TimeML tags this expression when it is a range written with words: one TIMEX3 per end
    /// (`between [1994] and [1997]`, `from [1991] to [1997]`), each with its end's value. A timeline places the
    /// whole range (``edtf``, `1994/1997`); `timeline tag` prints these instead. Empty for other expressions.
    public var parts: [TimeExpression]

    public init(start: Int, end: Int, text: String, type: TimexType, value: String,
                mod: String? = nil, edtf: String? = nil, parts: [TimeExpression] = []) {
        self.start = start
        self.end = end
        self.text = text
        self.type = type
        self.value = value
        self.mod = mod
        self.edtf = edtf
        self.parts = parts
    }

    /// The expressions as TimeML tags them: ``parts`` in place of a range that has them.
    public static func timeML(_ expressions: [TimeExpression]) -> [TimeExpression] {
        expressions.flatMap { $0.parts.isEmpty ? [$0] : $0.parts }
    }
}

/// Which language rules to apply.
public enum TaggerLanguage: String, Sendable, CaseIterable {
    case en, zh, auto
}
