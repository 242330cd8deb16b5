namespace Autri.Logs.Engine.Execution;

internal delegate void LineHandler(ReadOnlySpan<byte> line);

/// <summary>
/// Streams a file line by line through one pooled buffer, grown for a longer line up to <c>maxLineBytes</c>. A line
/// longer than that is skipped to its end without being held (<c>tooLong</c> is told), so one enormous line cannot
/// take the process's memory.
/// </summary>
internal static class LineReader
{
    private const int InitialBuffer = 1 << 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadLines(Stream stream, int maxLineBytes, LineHandler handle, Action tooLong)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, maxLineBytes + 1));
        try
        {
            var filled = 0;
            var firstChunk = true;
            var skipping = false;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > maxLineBytes)
                    {
                        // No newline within the limit: drop what is held and skip to the end of this line.
                        if (!skipping) tooLong();
                        skipping = true;
                        filled = 0;
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLineBytes + 1));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
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
                    if (skipping) skipping = false;
                    else if (newline > maxLineBytes) tooLong();
                    else handle(TrimCarriageReturn(buffer.AsSpan(start, newline)));
                    start += newline + 1;
                }
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
            if (filled > 0 && !skipping)
            {
                if (filled > maxLineBytes) tooLong();
                else handle(TrimCarriageReturn(buffer.AsSpan(0, filled)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
