using System.Buffers.Binary;

namespace Autri.Infra.Connectors.ApiKeys;

/// <summary>A 32-byte HMAC as a value, for dictionary keys without allocating.</summary>
internal readonly record struct HashKey(ulong A, ulong B, ulong C, ulong D)
{
    public static HashKey From(ReadOnlySpan<byte> hash) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(hash),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
}
