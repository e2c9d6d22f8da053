package main

// Labels, labeled break/continue and loops inside functions that are inlined.

func find(s []int, v int) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func firstPair(s []int) (int, int) {
outer:
	for i := 0; i < len(s); i++ {
		for j := i + 1; j < len(s); j++ {
			if s[i]+s[j] == 10 {
				return i, j
			}
			if s[j] < 0 {
				continue outer
			}
		}
	}
	return -1, -1
}

func countDown(n int) int {
	c := 0
loop:
	for {
		switch {
		case n <= 0:
			break loop
		}
		n--
		c++
	}
	return c
}

func main() {
	s := []int{1, 9, 3, 7}
	i, j := firstPair(s)
	println(find(s, 3), i, j, countDown(4))
}
