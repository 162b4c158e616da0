const answer = '<b>' + 42;
