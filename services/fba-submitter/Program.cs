await FbaMesh.FbaSubmitter.SubmitterApp.Build(args).RunAsync();
