namespace Autri.Infra.Logs.Engine;

/// <summary>A compiled expression: reads a row, returns a value.</summary>
internal delegate Value Evaluator(Value[] row);
