using Netguard.Webhook.Hosting;

return await WebhookProgram.RunAsync(args, Console.Error);
