namespace Autri.Logs.Engine.Execution;

/// <summary>A compiled expression: reads a row, returns a value.</summary>
internal delegate Value Evaluator(Value[] row);
