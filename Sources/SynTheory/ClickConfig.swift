import Foundation
import LoomCore

/// A metronome sound of the rhythm concepts (the reference's `ClickTrackConfig`).
public struct ClickConfig: Sendable, Equatable {
    /// The reference's name, used in file names and `click_config_name`.
    public let name: String
    /// 0-based MIDI channel; 9 is the General MIDI drum kit.
    public let channel: Int
    /// MIDI program 0-127 set on the channel (a drum kit on channel 9).
    public let program: Int
    /// MIDI key of the first beat of a bar, 0-127.
    public let downbeatKey: Int
    /// MIDI key of the other beats, 0-127.
    public let offbeatKey: Int
    /// MIDI velocity of the first beat of a bar, 0-127.
    public let downbeatVelocity: Int
    /// MIDI velocity of the other beats, 0-127.
    public let offbeatVelocity: Int

    /// The five configurations of `assets/syntheory/click_configs.csv`, in the reference's order.
    public static func load() throws -> [ClickConfig] {
        let url = try AssetLocator.url("syntheory/click_configs.csv")
        let rows = try AssetTable(url: url, columns: ["name", "channel", "program", "downbeat_key", "offbeat_key",
                                                      "downbeat_velocity", "offbeat_velocity"]).rows
        return try rows.map { row in
            let numbers = row.dropFirst().compactMap(Int.init)
            guard numbers.count == 6, (0...15).contains(numbers[0]), numbers.dropFirst().allSatisfy({ (0...127).contains($0) }) else {
                throw SynTheoryError.badAsset(path: url.path, reason: "row '\(row.joined(separator: ","))' has a value out of range")
            }
            return ClickConfig(name: row[0], channel: numbers[0], program: numbers[1], downbeatKey: numbers[2],
                               offbeatKey: numbers[3], downbeatVelocity: numbers[4], offbeatVelocity: numbers[5])
        }
    }
}
