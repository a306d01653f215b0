/**
 * Names of the tools backend developers work with. The guides rarely name a
 * member's stack, but a member describing it ("my spring boot app", "we run
 * kafka") is telling their story, not asking about something else, so these
 * never count against a question's scope.
 */
export const BACKEND_STACK: ReadonlySet<string> = new Set(
  `spring boot springboot django flask fastapi rails laravel symfony express nestjs dotnet aspnet net jvm
   java golang go node nodejs php ruby scala kotlin csharp elixir erlang perl cobol typescript javascript rust
   kafka rabbitmq sqs redis memcached postgres postgresql mysql mariadb mongodb mongo dynamodb cassandra oracle
   elasticsearch sql nosql orm crud kubernetes k8s docker helm terraform ansible jenkins github gitlab ci cd
   devops sre microservice microservices monolith api apis rest restful grpc graphql endpoint endpoints
   aws gcp azure lambda serverless linux bash backend backends exception exceptions stacktrace traceback logs logging`
    .split(/\s+/)
    .filter(Boolean),
);
