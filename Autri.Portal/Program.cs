var app = Autri.Portal.PortalApp.Create(args);
app.Run();
