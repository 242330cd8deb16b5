namespace Autri.Logs.Engine.Execution;

/// <summary>The running state of one aggregate function for one stats group.</summary>
internal abstract class Aggregator
{
    public abstract void Add(Value[] row);

    public abstract Value Result();
}

/// <summary>Builds a fresh aggregator per group for one aggregate call of a stats command.</summary>
internal sealed class AggregateFactory
{
    private readonly Func<Aggregator> _create;

    public AggregateFactory(CallExpression call, ExpressionCompiler compiler, int timestampSlot)
    {
        var argument = call.Arguments.Count > 0 && call.Arguments[0] is not StarExpression ? compiler.Compile(call.Arguments[0]) : null;
        _create = call.Name switch
        {
            "count" => () => new CountAggregator(argument),
            "count_distinct" => () => new CountDistinctAggregator(argument!),
            "sum" => () => new SumAggregator(argument!, average: false),
            "avg" => () => new SumAggregator(argument!, average: true),
            "min" => () => new ExtremeAggregator(argument!, max: false),
            "max" => () => new ExtremeAggregator(argument!, max: true),
            "pct" or "percentile" => () => new PercentileAggregator(argument!, ((NumberLiteral)call.Arguments[1]).Value),
            "earliest" => () => new TimeOrderedAggregator(argument!, timestampSlot, latest: false),
            "latest" => () => new TimeOrderedAggregator(argument!, timestampSlot, latest: true),
            "stddev" => () => new StandardDeviationAggregator(argument!),
            _ => throw new LocalQueryNotSupported($"the aggregate function {call.Name} is not supported by the local engine"),
        };
    }

    public Aggregator Create() => _create();
}

internal sealed class CountAggregator(Evaluator? argument) : Aggregator
{
    private long _count;

    public override void Add(Value[] row)
    {
        if (argument is null || !argument(row).IsMissing) _count++;
    }

    public override Value Result() => Value.Of(_count);
}

/// <summary>Exact, unlike AWS's approximation for high cardinality: memory grows with the number of distinct values.</summary>
internal sealed class CountDistinctAggregator(Evaluator argument) : Aggregator
{
    private readonly HashSet<Value> _seen = [];

    public override void Add(Value[] row)
    {
        var value = argument(row);
        if (!value.IsMissing) _seen.Add(value);
    }

    public override Value Result() => Value.Of(_seen.Count);
}

internal sealed class SumAggregator(Evaluator argument, bool average) : Aggregator
{
    private double _sum;
    private long _count;

    public override void Add(Value[] row)
    {
        if (!argument(row).TryNumber(out var n)) return;
        _sum += n;
        _count++;
    }

    public override Value Result() => _count == 0 ? Value.Missing : Value.Of(average ? _sum / _count : _sum);
}

/// <summary>min and max in the sort command's order, so max(@timestamp) stays a timestamp.</summary>
internal sealed class ExtremeAggregator(Evaluator argument, bool max) : Aggregator
{
    private Value _best;

    public override void Add(Value[] row)
    {
        var value = argument(row);
        if (value.IsMissing) return;
        if (_best.IsMissing) _best = value;
        else
        {
            var order = ValueComparison.SortOrder(value, _best);
            if (max ? order > 0 : order < 0) _best = value;
        }
    }

    public override Value Result() => _best;
}

/// <summary>
/// pct(field, p) by the nearest-rank method: the smallest value with at least p% of the values at or below it
/// (rank ⌈p/100 · n⌉). Exact; values are kept as counts per distinct value, so memory follows the number of
/// distinct values (few for whole-millisecond latencies), not the number of events.
/// </summary>
internal sealed class PercentileAggregator(Evaluator argument, double percentile) : Aggregator
{
    private readonly Dictionary<double, long> _counts = [];
    private long _total;

    public override void Add(Value[] row)
    {
        if (!argument(row).TryNumber(out var n)) return;
        _counts[n] = _counts.GetValueOrDefault(n) + 1;
        _total++;
    }

    public override Value Result()
    {
        if (_total == 0) return Value.Missing;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * _total));
        long seen = 0;
        foreach (var (value, count) in _counts.OrderBy(pair => pair.Key))
        {
            seen += count;
            if (seen >= rank) return Value.Of(value);
        }
        return Value.Of(_counts.Keys.Max());
    }
}

/// <summary>earliest(field) and latest(field): the field's value in the first or last event by @timestamp.</summary>
internal sealed class TimeOrderedAggregator(Evaluator argument, int timestampSlot, bool latest) : Aggregator
{
    private Value _value;
    private double _time;
    private bool _any;

    public override void Add(Value[] row)
    {
        var value = argument(row);
        if (value.IsMissing) return;
        var time = row[timestampSlot].Number;
        if (_any && (latest ? time < _time : time >= _time)) return;
        _value = value;
        _time = time;
        _any = true;
    }

    public override Value Result() => _value;
}

/// <summary>Sample standard deviation (n − 1), by Welford's method.</summary>
internal sealed class StandardDeviationAggregator(Evaluator argument) : Aggregator
{
    private long _count;
    private double _mean;
    private double _squares;

    public override void Add(Value[] row)
    {
        if (!argument(row).TryNumber(out var n)) return;
        _count++;
        var delta = n - _mean;
        _mean += delta / _count;
        _squares += delta * (n - _mean);
    }

    public override Value Result() => _count switch
    {
        0 => Value.Missing,
        1 => Value.Of(0),
        _ => Value.Of(Math.Sqrt(_squares / (_count - 1))),
    };
}
