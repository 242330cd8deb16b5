using System.Buffers;

namespace Autri.Logs.Engine.Execution;

internal delegate void LineHandler(ReadOnlySpan<byte> line);

/// <summary>Streams a file line by line through one pooled buffer (grown only for a longer line).</summary>
internal static class LineReader
{
    public static void ReadLines(Stream stream, LineHandler handle)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var filled = 0;
            var firstChunk = true;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) break;
                filled += read;
                var start = 0;
                if (firstChunk && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                firstChunk = false;
                while (true)
                {
                    var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (newline < 0) break;
                    handle(TrimCarriageReturn(buffer.AsSpan(start, newline)));
                    start += newline + 1;
                }
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
            if (filled > 0) handle(TrimCarriageReturn(buffer.AsSpan(0, filled)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
