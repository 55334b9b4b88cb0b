import TimelineModel

/// One tagging rule, read from a `.rules` file (see ``RuleFile``).
struct Rule: Sendable {
    let name: String
    let language: String
    /// Where the rule was written, for messages (`en/rules/dates.rules:12`).
    let location: String
    let pattern: Pattern
    let type: TimexType
    let value: Template
    let mod: Template?
    /// An explicit EDTF template; without one the EDTF comes from ``TimexEDTF``.
    let edtf: Template?
    /// The rule does not apply when this matches just before (ending at the match's first token).
    let notBefore: Pattern?
    /// The rule does not apply when this matches just after the match.
    let notAfter: Pattern?
    /// The rule applies only when this matches nearby (up to 60 tokens before, 20 after).
    let near: Pattern?
    let examples: [RuleExample]
    /// The position of the rule among all rules: earlier rules win ties.
    var priority: Int = 0
}

/// An example written beside a rule, run by the test suite.
///
/// `example: TEXT => VALUE [mod=M] [edtf=E] [type=T] [dct=none|YYYY-MM-DD]` tags TEXT (DCT 2013-03-22, a Friday,
/// unless `dct=` says otherwise) and expects an expression with VALUE whose span is TEXT, or the part of TEXT
/// in `[brackets]`. `counter: TEXT` expects no expression at all.
public struct RuleExample: Sendable, Equatable {
    /// The default document creation time of examples.
    public static let defaultDCT = CalendarDay(year: 2013, month: 3, day: 22)

    public var rule: String
    public var location: String
    /// The text to tag, brackets removed.
    public var text: String
    /// The expected span in scalar offsets, `nil` for a counter-example.
    public var span: Range<Int>?
    public var value: String?
    public var type: String?
    public var mod: String?
    /// The expected EDTF; `"nil"` expects none.
    public var edtf: String?
    /// `"none"` to tag without a DCT, else `YYYY-MM-DD`; `nil` for the default.
    public var dct: String?
}

