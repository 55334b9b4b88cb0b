/// The date of an event: an EDTF value with its precision and the interval it covers.
public struct EventDate: Codable, Equatable, Hashable, Sendable {
    /// The EDTF string: `1969`, `2019-06-05`, `2024-02`, `196X`, `1971/1972`, `2000/2004~`, `2000/..`.
    public var value: String
    public var precision: DatePrecision
    /// First day covered, `YYYY-MM-DD`.
    public var start: String
    /// Last day covered, `YYYY-MM-DD`.
    public var end: String

    public init(value: String, precision: DatePrecision, start: String, end: String) {
        self.value = value
        self.precision = precision
        self.start = start
        self.end = end
    }

    /// Builds the date from an EDTF value, deriving precision and interval.
    /// Returns `nil` when the value is not EDTF this tool understands.
    public init?(edtf value: String) {
        guard let parsed = EDTF(value) else { return nil }
        self.init(value: parsed.description, precision: parsed.precision,
                  start: parsed.start.description, end: parsed.end.description)
    }

    enum CodingKeys: String, CodingKey { case value, precision, start, end }

    /// Decodes leniently: a hand-edited file may give only `value`; precision and interval are derived.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let value = try c.decode(String.self, forKey: .value)
        let parsed = EDTF(value)
        let explicitStart = try c.decodeIfPresent(String.self, forKey: .start)
        guard parsed != nil || explicitStart != nil else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c,
                debugDescription: "'\(value)' is not an EDTF date this tool understands (examples: 1969, 2019-06-05, 196X, 1971/1972)")
        }
        self.value = value
        let explicitEnd = try c.decodeIfPresent(String.self, forKey: .end)
        self.precision = try c.decodeIfPresent(DatePrecision.self, forKey: .precision) ?? parsed?.precision ?? .range
        self.start = explicitStart ?? parsed!.start.description
        self.end = explicitEnd ?? parsed?.end.description ?? self.start
    }
}

/// How precisely an event is dated.
public enum DatePrecision: String, Codable, Sendable, CaseIterable {
    case day, month, year, decade, century, range
}
