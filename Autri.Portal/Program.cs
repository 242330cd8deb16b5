// `migrate`: the deployment's migrate step (the portal image's init container in AWS), then exit; else the portal.
if (args is [MigrateStep.Command, ..])
{
    await MigrateStep.RunAsync(args[1..]);
    return;
}
var app = Autri.Portal.PortalApp.Create(args);
app.Run();
